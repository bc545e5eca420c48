import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// A trace that throws is not "no contacts": a busy or broken store must never turn red people green.
@Suite("Failed traces")
struct TraceFailureTests {
    @Test("a trace that throws keeps the former contacts red, is counted and shown, and a retry clears it", arguments: Backend.available)
    func failedTraceKeepsContacts(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 1500, statuses: true)
        let store = city.services.store
        // A case of the demo with red contacts (close or household).
        var found: (caseID: String, contact: String)?
        for facts in try await city.services.tracing.cases(within: .everywhere, limit: 50) {
            for person in try await store.exposedPeople(caseID: facts.person) where try await store.status(person: person)?.colour == .red {
                found = (facts.person, person)
                break
            }
            if found != nil { break }
        }
        let (caseID, contact) = try #require(found)
        let before = try await store.exposedPeople(caseID: caseID)

        // The store fails under tracing the way a broken disk would: the case records cannot be read.
        try await city.fresh.execute("ALTER TABLE case_records RENAME TO case_records_away")
        let outcome = try await city.services.cases.caseChanged(caseID, actor: "test")
        guard case .failed = outcome else { Issue.record("the trace should have failed, got \(outcome)"); return }
        #expect(try await store.exposedPeople(caseID: caseID) == before)
        #expect(try await store.status(person: contact)?.colour == .red)
        let failure = try #require(try await store.traceFailure(caseID: caseID))
        #expect(failure.attempts == 1)
        #expect(failure.reason.contains("case_records"))
        #expect(city.services.traceFailures.value == 1)

        // While tracing still fails, the case page shows the contacts the colours rest on, and why.
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            let page = try await client.get("/cases/\(caseID)", cookie: epi, language: "en")
            #expect(page.status == .ok)
            #expect(page.text.contains("Tracing failed just now"))
            #expect(page.text.contains(contact))
        }
        try await city.fresh.execute("ALTER TABLE case_records_away RENAME TO case_records")
        try await city.test { client in
            let metrics = try await client.get("/metrics")
            #expect(metrics.text.contains("cordon_trace_failures_total 1"))
            let epi = try await client.signIn(try city.account("epi"))
            let page = try await client.get("/cases/\(caseID)", cookie: epi, language: "en")
            #expect(page.status == .ok)
            #expect(page.text.contains("The last trace failed at"))
            let list = try await client.get("/cases", cookie: epi, language: "en")
            #expect(list.text.contains("The last trace failed at"))
        }
        // The retry (every minute in `serve`) traces it again and clears the failure.
        #expect(try await city.services.cases.retryFailedTraces() == 1)
        #expect(try await store.traceFailure(caseID: caseID) == nil)
        #expect(Set(try await store.exposedPeople(caseID: caseID)) == Set(before))
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            #expect(!(try await client.get("/cases/\(caseID)", cookie: epi, language: "en").text.contains("The last trace failed at")))
        }
        try await city.close()
    }
}
