import App
import Ingestion
import ContactTracing
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Feeds in through the API, contacts out through the API and the pages, on the real router and a
/// real store (SQLite and PostgreSQL).
@Suite("Feeds and tracing through the app")
struct TracingAPITests {
    static func time(_ date: Date) -> String { Timestamp.format(date) }

    /// R00000100 visits a venue with R00000200 for 30 minutes, two hours ago, and tests positive an hour ago.
    static func scenario(_ city: TestCity) throws -> (venue: String, presence: String, labs: String) {
        let now = Date()
        let venue = try #require(city.city.places.first { $0.kind == .venue }?.id)
        let cell = try #require(city.city.places.first { $0.kind == .cell }?.id)
        let h = { (hours: Double) in time(now.addingTimeInterval(-hours * 3600)) }
        let presence = """
            {"id":"T1","person":"R00000100","place":"\(venue)","start":"\(h(3))","end":"\(h(2))","source":"venue-scan"}
            {"id":"T2","person":"R00000200","place":"\(venue)","start":"\(h(2.5))","end":"\(h(1.5))"}
            {"id":"T3","person":"NOBODY","place":"\(venue)","start":"\(h(3))","end":"\(h(2))"}
            {"id":"T4","person":"R00000200","place":"NOWHERE","start":"\(h(3))","end":"\(h(2))"}
            {"id":"T5","person":"R00000200","place":"\(venue)","start":"\(h(2))","end":"\(h(3))"}
            {"id":"T6","person":"R00000200","place":"\(venue)","start":"yesterday","end":"\(h(3))"}
            {"id":"T7","person":"R00000200","place":"\(cell)","start":"\(h(3))","end":"\(h(2))","seat":"12A"}
            """
        let labs = """
            {"id":"TL1","person":"R00000100","sampledAt":"\(h(1))","result":"positive","test":"pcr","lab":"CDC"}
            {"id":"TL2","person":"R00000100","sampledAt":"\(h(1))","result":"maybe"}
            """
        return (venue, presence, labs)
    }

    @Test("feeds: bad lines named, good lines loaded, re-posting changes nothing; the case's contacts come back with evidence",
        arguments: Backend.available)
    func ingestAndTrace(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let token = try #require(try city.account("feed").token)
        let (venue, presence, labs) = try Self.scenario(city)
        try await city.test { client in
            func post(_ kind: String, _ text: String) async throws -> [String: Any] {
                let response = try await client.execute(
                    uri: "/api/v1/ingest/\(kind)", method: .post, headers: [.contentType: "application/x-ndjson", .authorization: "Bearer \(token)"],
                    body: ByteBuffer(string: text))
                #expect(response.status == .ok)
                return try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
            }
            let report = try await post("presence", presence)
            #expect(report["loaded"] as? Int == 2)
            let problems = report["problems"] as? [[String: Any]] ?? []
            #expect(problems.map { $0["line"] as? Int } == [3, 4, 5, 6, 7])
            #expect(problems.map { $0["field"] as? String } == ["person", "place", "end", "start", "seat"])
            let again = try await post("presence", presence)
            #expect(again["loaded"] as? Int == 0)
            #expect(again["unchanged"] as? Int == 2)
            let labReport = try await post("labs", labs)
            #expect(labReport["loaded"] as? Int == 1)
            #expect((labReport["problems"] as? [[String: Any]])?.first?["field"] as? String == "result")

            let epi = try await client.signIn(try city.account("epi"))
            let traced = try await client.get("/api/v1/cases/R00000100/contacts", cookie: epi)
            #expect(traced.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: traced.body)) as? [String: Any]
            #expect(body?["case"] as? String == "R00000100")
            let contacts = body?["contacts"] as? [[String: Any]] ?? []
            let partner = try #require(contacts.first { $0["person"] as? String == "R00000200" })
            #expect(partner["category"] as? String == "close")
            #expect((partner["exposureMinutes"] as? Int ?? 0) >= 30)
            let evidence = partner["evidence"] as? [[String: Any]] ?? []
            #expect(evidence.contains { $0["place"] as? String == venue })
            #expect(Set(contacts.compactMap { $0["person"] as? String }).count == contacts.count)

            let cases = try await client.get("/api/v1/cases", cookie: epi)
            #expect(cases.text.contains("\"R00000100\""))
            #expect(try await client.get("/api/v1/cases/R00000200/contacts", cookie: epi).status == .notFound)

            // A grid worker may not trace: 403, audited.
            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await client.get("/api/v1/cases/R00000100/contacts", cookie: grid).status == .forbidden)
            let denial = try await city.services.store.recentAudit(subjectID: "R00000100", limit: 5)
            #expect(denial.contains { $0.event.action == "access.denied" && $0.event.actor.contains("grid") })
            #expect(denial.contains { $0.event.action == "case.trace" })

            // The pages: the case list with its graph, the case with its contacts and evidence.
            let page = try await client.get("/cases/R00000100", cookie: epi, language: "en")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("R00000200"))
            // Places by name and times on the city's clock, not ids and UTC.
            let venueName = try #require(try await city.services.store.place(id: venue)?.name)
            #expect(page.text.contains(venueName) && !page.text.contains(">\(venue) ·"))
            #expect(page.text.range(of: #"\d{2}:\d{2}:\d{2}Z"#, options: .regularExpression) == nil)
            #expect(try await client.get("/cases", cookie: epi).text.contains("/cases/R00000100"))
            #expect(try await client.get("/cases/R00000100", cookie: grid).status == .forbidden)
            // The contact table is a page at a time and narrows to one category, counted in the caption.
            let close = contacts.filter { $0["category"] as? String == "close" }.count
            let narrowed = try await client.get("/cases/R00000100?category=close", cookie: epi, language: "en")
            #expect(narrowed.text.contains("of \(close)") && narrowed.text.contains("All categories"))
            #expect(!narrowed.text.contains("class=\"c-secondary\"") && !narrowed.text.contains("class=\"c-household\""))
            #expect(narrowed.text.components(separatedBy: "<tr class=\"c-close\"").count - 1 == min(close, 50))
            if contacts.count > 50 { #expect(page.text.contains("1–50 of \(contacts.count)") && page.text.contains("page=2")) }
        }
        try await city.close()
    }

    @Test("the timeline rebuilt from the store after a restart answers exactly as before", arguments: Backend.available)
    func rebuildAfterRestart(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let (_, presence, labs) = try Self.scenario(city)
        // The running server's index takes the new events incrementally (its recent part)...
        try await city.services.timeline.load()
        let runner = city.services.imports
        _ = try await runner.run(.presence, reader: RecordReader(bytes: Array(presence.utf8)), actor: "test", source: "test")
        _ = try await runner.run(.labs, reader: RecordReader(bytes: Array(labs.utf8)), actor: "test", source: "test")
        let before = try await city.services.tracing.trace("R00000100")
        #expect(before.contacts.contains { $0.person == "R00000200" })

        // ...a new server process on the same store builds it from scratch: the answer must not change.
        let restarted = CordonServices(
            settings: city.services.settings, store: city.services.store, vault: city.services.vault, logger: city.services.logger)
        try await restarted.timeline.load()
        let after = try await restarted.tracing.trace("R00000100")
        #expect(after == before)
        #expect(await restarted.timeline.snapshot().eventCount == (try await city.services.store.presenceCount()))
        try await city.close()
    }

    @Test("the retention purge removes old presence from the store and the index, keeps the rest, and is audited", arguments: Backend.available)
    func retentionPurge(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let venue = try #require(city.city.places.first { $0.kind == .venue }?.id)
        let old = Date().addingTimeInterval(-30 * 86400)
        let oldVisit = """
            {"id":"OLD1","person":"R00000010","place":"\(venue)","start":"\(Self.time(old))","end":"\(Self.time(old.addingTimeInterval(3600)))"}
            """
        let services = city.services
        try await services.timeline.load()
        _ = try await services.imports.run(.presence, reader: RecordReader(bytes: Array(oldVisit.utf8)), actor: "test", source: "test")
        let storeBefore = try await services.store.presenceCount()
        #expect(await services.timeline.snapshot().eventCount == storeBefore)
        let keeper = TimelineKeeper(
            timeline: services.timeline, profiles: services.profiles, clock: services.clock, logger: services.logger, cases: services.cases,
            tracing: services.tracing)
        let deleted = try await keeper.purge()
        #expect(deleted == 1)
        #expect(try await services.store.presenceCount() == storeBefore - 1)
        #expect(await services.timeline.snapshot().eventCount == storeBefore - 1)
        // `/metrics` follows the index (scripts/soak tells its growth from a leak by it).
        #expect(services.timeline.size.eventCount == storeBefore - 1)
        try await city.test { client in
            let metrics = try await client.get("/metrics")
            #expect(metrics.text.contains("cordon_timeline_events \(storeBefore - 1)\n"))
            #expect(services.timeline.size.byteCount >= (storeBefore - 1) * 17)
            #expect(metrics.text.contains("cordon_timeline_bytes \(services.timeline.size.byteCount)\n"))
            // SQLite's page caches live in the server's memory too (they fill as it reads the file).
            let storeMemory = metrics.text.split(separator: "\n").first { $0.hasPrefix("cordon_store_memory_bytes ") }
            if backend == .sqlite {
                #expect((storeMemory.flatMap { Int($0.split(separator: " ")[1]) } ?? 0) > 0)
            } else {
                #expect(storeMemory == nil)
            }
            // The allocator's count of what is in use: what a leak shows in (scripts/soak).
            let heapInUse = metrics.text.split(separator: "\n").first { $0.hasPrefix("cordon_heap_in_use_bytes ") }
            #expect((heapInUse.flatMap { Int($0.split(separator: " ")[1]) } ?? 0) >= services.timeline.size.byteCount)
        }
        #expect(try await services.store.presence(after: 0, limit: 1_000_000).contains { $0.event.id == "OLD1" } == false)
        let audit = try await services.store.recentAudit(subjectID: "*", limit: 3)
        #expect(audit.contains { $0.event.action == "presence.purge" && $0.event.detail.hasPrefix("1 presence") })
        try await city.close()
    }
}
