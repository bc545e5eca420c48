import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// The case record's dates set the tracing window: a typo must not silently shrink a trace.
@Suite("Case records refused for impossible dates")
struct CaseRecordTests {
    static let day = 86_400.0

    @Test("the API refuses an onset in the future, an isolation before the onset and a date before the retention window unless confirmed; nothing is stored and the contacts stay",
        arguments: Backend.available)
    func apiRefusesBadDates(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let (_, presence, labs) = try TracingAPITests.scenario(city)
        _ = try await city.services.imports.run(.presence, reader: RecordReader(bytes: Array(presence.utf8)), actor: "test", source: "test")
        _ = try await city.services.imports.run(.labs, reader: RecordReader(bytes: Array(labs.utf8)), actor: "test", source: "test")
        let store = city.services.store
        let contacts = try await store.exposedPeople(caseID: "R00000100")
        #expect(!contacts.isEmpty)
        let iso: @Sendable (Date) -> String = { Timestamp.format($0) }
        let now = Date()
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            for (body, expected) in [
                (["status": "confirmed", "onset": iso(now.addingTimeInterval(400 * Self.day))], "onset: lies in the future"),
                (["status": "confirmed", "onset": iso(now.addingTimeInterval(-2 * Self.day)), "isolatedAt": iso(now.addingTimeInterval(-3 * Self.day))],
                 "isolatedAt: lies before onset"),
                (["status": "confirmed", "onset": iso(now.addingTimeInterval(-60 * Self.day))], "before the 21-day retention window"),
            ] as [([String: Any], String)] {
                let answer = try await HealthAPITests.postJSON(client, "/api/v1/cases/R00000100", body, cookie: epi)
                #expect(answer.status == .badRequest)
                #expect((try HealthAPITests.json(answer)["message"] as? String)?.contains(expected) == true, "\(answer.text)")
            }
            #expect(try await store.caseRecord(person: "R00000100") == nil)
            #expect(try await store.exposedPeople(caseID: "R00000100") == contacts)
            // Confirmed on purpose, an old onset is kept.
            let kept = try await HealthAPITests.postJSON(
                client, "/api/v1/cases/R00000100", ["status": "confirmed", "onset": iso(now.addingTimeInterval(-30 * Self.day)), "confirmOld": true], cookie: epi)
            #expect(kept.status == .ok)
            #expect(try await store.caseRecord(person: "R00000100")?.onset != nil)
        }
        try await city.close()
    }

    @Test("the page form shows the stored record and the case's own status, refuses an onset in 2030 in the reader's language, keeps what was typed and stores nothing",
        arguments: Backend.available)
    func pageKeepsTypedValues(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let (_, presence, labs) = try TracingAPITests.scenario(city)
        _ = try await city.services.imports.run(.presence, reader: RecordReader(bytes: Array(presence.utf8)), actor: "test", source: "test")
        _ = try await city.services.imports.run(.labs, reader: RecordReader(bytes: Array(labs.utf8)), actor: "test", source: "test")
        let store = city.services.store
        let local = city.services.profiles.profile.localTime
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            // A PCR positive makes a confirmed case: the form starts there, not at a default.
            let page = try await client.get("/cases/R00000100", cookie: epi)
            #expect(page.text.contains(#"<option value="confirmed" selected>"#))
            #expect(!page.text.contains(#"<option value="suspected" selected>"#))

            let refused = try await client.postForm(
                "/cases/R00000100/edit", ["status": "suspected", "onset": "2030-01-01T08:00", "isolatedAt": "", "outcome": "在院"], cookie: epi)
            #expect(refused.status == .seeOther)
            let back = try #require(refused.headers[.location])
            #expect(back.hasPrefix("/cases/R00000100?edit=1"))
            #expect(try await store.caseRecord(person: "R00000100") == nil)
            let again = try await client.get(back, cookie: epi, language: "zh")
            #expect(again.text.contains("发病时间：不能晚于现在。"))
            #expect(again.text.contains(#"value="2030-01-01T08:00""#) && again.text.contains(#"value="在院""#))
            #expect(again.text.contains(#"<option value="suspected" selected>"#))
            let english = try await client.get(back, cookie: epi, language: "en")
            #expect(english.text.contains("Onset: cannot lie in the future."))
            // Unreadable text is refused too, not taken for "no onset".
            let garbled = try await client.postForm("/cases/R00000100/edit", ["status": "confirmed", "onset": "abc"], cookie: epi)
            #expect(garbled.headers[.location]?.contains("onset-unreadable") == true)

            // A valid record is stored, and the form shows it next time.
            let onset = Date().addingTimeInterval(-2 * Self.day)
            let saved = try await client.postForm("/cases/R00000100/edit", ["status": "confirmed", "onset": local.input(onset), "outcome": "在院"], cookie: epi)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/cases/R00000100")
            let stored = try #require(try await store.caseRecord(person: "R00000100"))
            #expect(stored.outcome == "在院")
            let shown = try await client.get("/cases/R00000100", cookie: epi)
            #expect(shown.text.contains(#"value="\#(local.input(onset))""#))
        }
        try await city.close()
    }
}
