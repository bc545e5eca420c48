import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// Statuses, case edits and manual colours through the real router, on SQLite and PostgreSQL.
@Suite("Health status and overrides through the app")
struct HealthAPITests {
    static let lawArticle = "《中华人民共和国传染病防治法》第三十九条"

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    static func postJSON(_ client: any TestClientProtocol, _ uri: String, _ body: [String: Any], cookie: String) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/json", .cookie: cookie],
            body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
    }

    @Test("a positive test makes the co-present person red with the case and place as reasons; discarding the case turns them green",
        arguments: Backend.available)
    func statusFollowsTheCase(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let (venue, presence, labs) = try TracingAPITests.scenario(city)
        let runner = city.services.imports
        _ = try await runner.run(.presence, reader: RecordReader(bytes: Array(presence.utf8)), actor: "test", source: "test")
        _ = try await runner.run(.labs, reader: RecordReader(bytes: Array(labs.utf8)), actor: "test", source: "test")
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            let status = try Self.json(try await client.get("/api/v1/residents/R00000200/status", cookie: epi))
            #expect(status["colour"] as? String == "red")
            let reason = (status["reasons"] as? [[String: Any]])?.first { $0["rule"] as? String == "contact.close" }
            let facts = reason?["facts"] as? [String: String]
            #expect(facts?["case"] == "R00000100")
            #expect(facts?["place"] == venue)
            #expect((status["actions"] as? [String])?.contains("check-ins 0/14") == true)
            let caseStatus = try Self.json(try await client.get("/api/v1/residents/R00000100/status", cookie: epi))
            #expect((caseStatus["reasons"] as? [[String: Any]])?.first?["rule"] as? String == "case.confirmed")

            // The epidemiologist discards the case: it is traced no more and its contact is green again.
            let discarded = try await Self.postJSON(client, "/api/v1/cases/R00000100", ["status": "discarded"], cookie: epi)
            #expect(discarded.status == .ok)
            #expect(try Self.json(discarded)["contacts"] as? Int == 0)
            #expect(try Self.json(try await client.get("/api/v1/residents/R00000200/status", cookie: epi))["colour"] as? String == "green")
            let history = try await city.services.store.statusHistory(person: "R00000200")
            #expect(history.map(\.colour) == [.red, .green])
            // A grid worker may not edit cases.
            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await Self.postJSON(client, "/api/v1/cases/R00000100", ["status": "confirmed"], cookie: grid).status == .forbidden)
        }
        try await city.close()
    }

    @Test("overrides: grid worker, missing basis, bad expiry, self-approval and an approver outside the jurisdiction are refused; a second person's approval applies and notifies",
        arguments: Backend.available)
    func overrideTwoPersonControl(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let district = try #require(try city.account("district").jurisdiction)
        let districtPath = try #require(try await store.area(id: district)?.path)
        // A resident the district officer does not hold (the last grid lies in the other district).
        let outsider = try #require(try await store.resident(id: "R00000600"))
        #expect(!outsider.areaPath.hasPrefix(districtPath))
        let inside = try #require(try await store.resident(id: "R00000010"))
        #expect(inside.areaPath.hasPrefix(districtPath))
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            let command = try await client.signIn(try city.account("command"))
            let officer = try await client.signIn(try city.account("district"))
            let grid = try await client.signIn(try city.account("grid"))
            func propose(_ cookie: String, person: String, basis: String? = nil, until: String? = nil) async throws -> TestResponse {
                let body: [String: Any] = [
                    "person": person, "colour": "red", "legalBasis": basis ?? Self.lawArticle,
                    "until": until ?? Timestamp.format(Date().addingTimeInterval(3 * 86400)),
                ]
                return try await Self.postJSON(client, "/api/v1/overrides", body, cookie: cookie)
            }
            func decide(_ cookie: String, _ id: String, approve: Bool = true) async throws -> TestResponse {
                try await Self.postJSON(client, "/api/v1/overrides/\(id)/decision", ["approve": approve], cookie: cookie)
            }
            #expect(try await propose(grid, person: "R00000010").status == .forbidden)
            #expect(try await propose(epi, person: "R00000010", basis: "  ").status == .badRequest)
            #expect(try await propose(epi, person: "R00000010", until: Timestamp.format(Date().addingTimeInterval(-60))).status == .badRequest)
            #expect(try await propose(epi, person: "R00000010", until: Timestamp.format(Date().addingTimeInterval(30 * 86400))).status == .badRequest)

            // Self-approval: the command centre may propose, but not approve its own proposal.
            let own = try Self.json(try await propose(command, person: "R00000010"))
            let ownID = try #require(own["id"] as? String)
            #expect(try await decide(command, ownID).status == .forbidden)
            // An approver whose jurisdiction does not hold the person.
            let far = try Self.json(try await propose(epi, person: "R00000600"))
            let farID = try #require(far["id"] as? String)
            #expect(try await decide(officer, farID).status == .forbidden)
            // The epidemiologist may propose but not approve.
            #expect(try await decide(epi, farID).status == .forbidden)
            #expect(try await store.status(person: "R00000600")?.colour != .red)

            // A proper second person: the district officer approves the command centre's proposal.
            let approved = try await decide(officer, ownID)
            #expect(approved.status == .ok)
            #expect(try Self.json(approved)["state"] as? String == "approved")
            #expect(try await decide(command, ownID).status == .conflict)
            let status = try Self.json(try await client.get("/api/v1/residents/R00000010/status", cookie: epi))
            #expect(status["colour"] as? String == "red")
            let reason = (status["reasons"] as? [[String: Any]])?.first
            #expect(reason?["rule"] as? String == "override")
            #expect((reason?["facts"] as? [String: String])?["legalBasis"] == Self.lawArticle)
        }
        let audit = try await store.recentAudit(subjectID: "R00000010", limit: 20).map(\.event.action)
        #expect(audit.contains("override.propose") && audit.contains("override.approve") && audit.contains("access.denied"))
        if try city.services.vault.open(inside).phone != nil {
            #expect(try await store.pendingMessages(limit: 50).contains { $0.kind == .manualColour })
        }
        try await city.close()
    }

    @Test("presence that arrives after the positive test makes new contacts when open cases are traced again", arguments: Backend.available)
    func latePresence(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let (venue, presence, labs) = try TracingAPITests.scenario(city)
        let runner = city.services.imports
        try await city.services.timeline.load()
        _ = try await runner.run(.presence, reader: RecordReader(bytes: Array(presence.utf8)), actor: "test", source: "test")
        _ = try await runner.run(.labs, reader: RecordReader(bytes: Array(labs.utf8)), actor: "test", source: "test")
        // Someone from the other end of the city, whose visit with the case is reported only now.
        func exposedToCase() async throws -> [ContactExposure] {
            try await city.services.store.exposures(person: "R00000590").filter { $0.caseID == "R00000100" }
        }
        // (The demo city is dense: they may already be a secondary contact or a companion, not a close one.)
        #expect(try await exposedToCase().map(\.category) != [.close])
        let h = { (hours: Double) in Timestamp.format(Date().addingTimeInterval(-hours * 3600)) }
        let late = #"{"id":"LATE1","person":"R00000590","place":"\#(venue)","start":"\#(h(3))","end":"\#(h(2))"}"#
        _ = try await runner.run(.presence, reader: RecordReader(bytes: Array(late.utf8)), actor: "test", source: "test")
        #expect(await city.services.timeline.pendingRetrace)
        let s = city.services
        let keeper = TimelineKeeper(timeline: s.timeline, profiles: s.profiles, clock: s.clock, logger: s.logger, cases: s.cases, tracing: s.tracing)
        #expect(try await keeper.retraceOpenCases() >= 1)
        #expect(try await exposedToCase().map(\.category) == [.close])
        let status = try #require(try await city.services.store.status(person: "R00000590"))
        #expect(status.colour == .red)
        #expect(status.reasons.contains { $0.rule == "contact.close" })
        try await city.close()
    }

    @Test("the full recompute reads facts table by table and stores exactly what person-by-person refreshes give", arguments: Backend.available)
    func fullRecomputeMatches(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600, statuses: true)
        let services = city.services
        let counts = try await services.statuses.recomputeAll(residents: 600)
        #expect(counts.values.reduce(0, +) == 600)
        #expect((counts[.red] ?? 0) > 0)
        var compared = 0
        for n in stride(from: 1, through: 600, by: 7) {
            let person = "R" + String(format: "%08d", n)
            let current = try await services.statuses.current(person)
            let stored = try await services.store.status(person: person)
            if current.colour == .green && stored == nil { continue }
            #expect(stored?.colour == current.colour, "\(person)")
            #expect(stored?.reasons == current.reasons, "\(person)")
            compared += 1
        }
        #expect(compared > 10)
        try await city.close()
    }
}
