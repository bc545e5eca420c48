import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// Appeals through the real router: a resident contests a wrong arrival, a reviewer upholds it, the
/// fact is corrected and the colour follows; on SQLite and PostgreSQL.
@Suite("Appeals through the app")
struct AppealAPITests {
    @Test("an upheld appeal against a wrong arrival record corrects it, turns the person green and tells them; a dismissed one changes nothing",
        arguments: Backend.available)
    func appealCorrectsTheFact(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let resident = try city.account("resident")
        let person = try #require(resident.residentID)
        let phone = try #require(resident.phone)
        let arrived = Timestamp.format(Date().addingTimeInterval(-86400))
        let arrivals = """
            {"id":"ARR-WRONG","person":"\(person)","from":"420100","arrivedAt":"\(arrived)","mode":"rail","trip":"G1234"}
            """
        _ = try await city.services.imports.run(.arrivals, reader: RecordReader(bytes: Array(arrivals.utf8)), actor: "test", source: "test")
        #expect(try await store.status(person: person)?.colour == .yellow)
        try await city.test { client in
            let me = try await client.signInResident(phone, store: store)
            func post(_ uri: String, _ body: [String: Any], _ cookie: String) async throws -> TestResponse {
                try await HealthAPITests.postJSON(client, uri, body, cookie: cookie)
            }
            #expect(try await post("/api/v1/appeals", ["person": person, "factKind": "arrival", "factId": "ARR-WRONG", "reason": "?"], me).status == .badRequest)
            #expect(try await post("/api/v1/appeals", ["person": "R00000005", "factKind": "other", "reason": "not me at all"], me).status == .forbidden)
            // An arrival or exposure the person does not have cannot be appealed (an upheld appeal would correct nothing).
            let unknown = try await post("/api/v1/appeals", ["person": person, "factKind": "arrival", "factId": "ARR-NONE", "reason": "I never went there"], me)
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("no arrival ARR-NONE"))
            #expect(try await post("/api/v1/appeals", ["person": person, "factKind": "exposure", "factId": "R-NO-CASE", "reason": "I never met them"], me).status == .badRequest)
            #expect(try await store.appeals(person: person).isEmpty)
            let submitted = try await post(
                "/api/v1/appeals", ["person": person, "factKind": "arrival", "factId": "ARR-WRONG", "reason": "我没有去过武汉，是别人的车票 / I never went there"], me)
            #expect(submitted.status == .created)
            let appeal = try HealthAPITests.json(submitted)
            let id = try #require(appeal["id"] as? String)
            #expect(appeal["state"] as? String == "open")

            let epi = try await client.signIn(try city.account("epi"))
            let queue = try await client.get("/api/v1/appeals", cookie: epi)
            #expect(queue.text.contains(id))
            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await post("/api/v1/appeals/\(id)/decision", ["uphold": true, "decision": "ok"], grid).status == .forbidden)
            #expect(try await post("/api/v1/appeals/\(id)/decision", ["uphold": true, "decision": " "], epi).status == .badRequest)
            let decided = try await post("/api/v1/appeals/\(id)/decision", ["uphold": true, "decision": "铁路数据核实：车票实名为他人 / the ticket was someone else's"], epi)
            #expect(decided.status == .ok)
            #expect(try await post("/api/v1/appeals/\(id)/decision", ["uphold": false, "decision": "again"], epi).status == .conflict)

            let status = try HealthAPITests.json(try await client.get("/api/v1/residents/\(person)/status", cookie: me))
            #expect(status["colour"] as? String == "green")
            #expect(try await store.corrections(person: person).map(\.factID) == ["ARR-WRONG"])
            // The arrival record itself is kept for the audit; only the rules leave it out.
            #expect(try await store.arrivals(person: person).map(\.id) == ["ARR-WRONG"])
            #expect(try await store.pendingMessages(limit: 50).contains { $0.kind == .appealAnswer && $0.recipientMasked == Masking.phone(phone) })

            // A second wrong-looking arrival, appealed and dismissed: the fact stands, the colour too.
            let second = """
                {"id":"ARR-TRUE","person":"\(person)","from":"420100","arrivedAt":"\(arrived)","mode":"air"}
                """
            _ = try await city.services.imports.run(.arrivals, reader: RecordReader(bytes: Array(second.utf8)), actor: "test", source: "test")
            let other = try HealthAPITests.json(
                try await post("/api/v1/appeals", ["person": person, "factKind": "arrival", "factId": "ARR-TRUE", "reason": "please check again"], me))
            let otherID = try #require(other["id"] as? String)
            #expect(try await post("/api/v1/appeals/\(otherID)/decision", ["uphold": false, "decision": "航班记录属实 / the flight record is right"], epi).status == .ok)
            #expect(try await store.status(person: person)?.colour == .yellow)
        }
        let actions = try await store.recentAudit(subjectID: person, limit: 30).map(\.event.action)
        #expect(actions.contains("appeal.submit") && actions.contains("appeal.uphold") && actions.contains("appeal.dismiss"))
        try await city.close()
    }
}
