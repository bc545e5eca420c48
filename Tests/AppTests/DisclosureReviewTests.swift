import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Reviewing case disclosures before the public sees them, and one status for a case everywhere.
@Suite("Disclosure review and one case status")
struct DisclosureReviewPageTests {
    /// A person whose only positive result is an antigen test: a suspected case.
    func suspectedCase(_ city: TestCity) async throws -> String {
        for lab in try await city.services.store.positiveLabResults(within: .everywhere, limit: 10_000) where lab.test == .antigen {
            if try await city.services.tracing.facts(of: lab.person).status == .suspected { return lab.person }
        }
        throw TestSupportError("the demo city has no suspected case")
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("a compound with fewer residents than the threshold is disclosed as its community, with no point on the map")
    func smallCompounds() async throws {
        // Every demo compound is "small" at this threshold; at 0 none is.
        let strict = try await TestCity.make(.sqlite, residents: 1500) { $0.disclosureMinimumResidents = 1_000_000 }
        #expect(try await strict.services.disclosures.draftNew() > 0)
        let drafts = try await strict.services.store.disclosures(approvedOnly: false, limit: 1_000)
        let communities = Set(strict.city.areas.filter { $0.level == .community }.map(\.name))
        #expect(!drafts.isEmpty && drafts.allSatisfy { $0.latitude == nil && $0.longitude == nil })
        #expect(drafts.allSatisfy { d in d.compound.map { communities.contains($0) } ?? true })
        #expect(drafts.allSatisfy { !($0.compoundID ?? "").hasPrefix("CMP-") })
        try await strict.close()
        let open = try await TestCity.make(.sqlite, residents: 1500) { $0.disclosureMinimumResidents = 0 }
        _ = try await open.services.disclosures.draftNew()
        let named = try await open.services.store.disclosures(approvedOnly: false, limit: 1_000)
        #expect(named.contains { ($0.compoundID ?? "").hasPrefix("CMP-") && $0.latitude != nil })
        try await open.close()
    }

    @Test("a suspected case is suspected on the case page, the API, the bulletin, open data and drafting; confirmed by the form, it is confirmed in all at once",
        arguments: Backend.available)
    func oneStatus(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 1500)
        let suspect = try await suspectedCase(city)
        let store = city.services.store
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            let total = try json(try await client.get("/open-data/bulletin.json"))["total"] as? Int
            #expect(try await city.services.disclosures.draftNew() > 0)
            let drafted = try await store.disclosures(approvedOnly: false, limit: 1_000)
            for d in drafted { #expect(try await store.disclosureCasePerson(id: d.id) != suspect) }
            let cases = try await client.get("/api/v1/cases?limit=1000", cookie: epi)
            #expect(cases.text.contains(#""person":"\#(suspect)","status":"suspected""#) || cases.text.contains(#""status":"suspected""#))
            #expect(try await client.get("/cases/\(suspect)", cookie: epi, language: "en").text.contains(#"<option value="suspected" selected>"#))

            let confirmed = try await client.postForm("/cases/\(suspect)/edit", ["status": "confirmed", "outcome": "在院"], cookie: epi)
            #expect(confirmed.status == .seeOther)
            #expect(try await city.services.tracing.facts(of: suspect).status == .confirmed)
            #expect(try await client.get("/cases/\(suspect)", cookie: epi, language: "en").text.contains(#"<option value="confirmed" selected>"#))
            // The bulletin and open data count it at once (their cache is cleared by the change).
            #expect(try json(try await client.get("/open-data/bulletin.json"))["total"] as? Int == total.map { $0 + 1 })
            #expect(try await city.services.disclosures.draftNew() > drafted.count - 1)
            #expect(try await store.disclosures(approvedOnly: false, limit: 1_000).count == drafted.count + 1)
        }
        try await city.close()
    }

    @Test("an epidemiologist edits a draft within the allowed fields, rejects one with a reason (refused without, in the reader's language, keeping what was typed) and approves one; unknown drafts are 404",
        arguments: Backend.available)
    func review(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 1500)
        let store = city.services.store
        #expect(try await city.services.disclosures.draftNew() >= 2)
        let drafts = try await store.disclosures(approvedOnly: false, limit: 100)
        let toEdit = try #require(drafts.first { $0.trajectory.count >= 2 } ?? drafts.first)
        let toReject = try #require(drafts.first { $0.id != toEdit.id })
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            let page = try await client.get("/disclosures", cookie: epi, language: "zh-CN")
            #expect(page.text.contains("/disclosures/\(toEdit.id)/edit") && page.text.contains("/disclosures/\(toReject.id)/reject"))

            // A compound with a phone number in it is refused, naming the field, and what was typed comes back.
            let refused = try await client.postForm("/disclosures/\(toEdit.id)/edit", ["compound": "某小区13800138000", "keep[]": "0"], cookie: epi)
            let back = try #require(refused.headers[.location])
            #expect(back.contains("problem=compoundLooksPersonal"))
            let shown = try await client.get(back, cookie: epi, language: "zh-CN")
            #expect(shown.text.contains("小区：连续 5 位以上数字"))
            #expect(shown.text.contains(#"value="某小区13800138000""#))
            #expect(try await store.disclosure(id: toEdit.id) == toEdit)

            // A valid edit: coarser compound, first stop only.
            let edited = try await client.postForm("/disclosures/\(toEdit.id)/edit", ["compound": "某小区", "keep[]": "0"], cookie: epi)
            #expect(edited.status == .seeOther)
            let stored = try #require(try await store.disclosure(id: toEdit.id))
            #expect(stored.compound == "某小区" && stored.latitude == nil && stored.state == .draft)
            #expect(stored.trajectory == Array(toEdit.trajectory.prefix(1)))
            #expect(try await store.recentAudit(subjectID: toEdit.id, limit: 10).contains { $0.event.action == "disclosure.edit" })

            // A rejection without a reason is refused in English on an English page; with one, it is kept off the public outputs.
            let noReason = try await client.postForm("/disclosures/\(toReject.id)/reject", ["reason": " "], cookie: epi)
            let again = try await client.get(try #require(noReason.headers[.location]), cookie: epi, language: "en")
            #expect(again.text.contains("Reason: say why the draft is not published."))
            #expect(try await store.disclosure(id: toReject.id)?.state == .draft)
            let rejected = try await client.postForm("/disclosures/\(toReject.id)/reject", ["reason": "由省级统一发布"], cookie: epi)
            #expect(rejected.status == .seeOther)
            #expect(try await store.disclosure(id: toReject.id)?.state == .rejected)
            let list = try await client.get("/disclosures", cookie: epi, language: "zh-CN")
            #expect(list.text.contains("由省级统一发布") && !list.text.contains("/disclosures/\(toReject.id)/approve"))
            // A rejected draft cannot be approved; an unknown one is a 404 page.
            let late = try await client.postForm("/disclosures/\(toReject.id)/approve", [:], cookie: epi)
            #expect(late.headers[.location]?.contains("problem=notADraft") == true)
            #expect(try await client.postForm("/disclosures/case-99999/approve", [:], cookie: epi, language: "en").status == .notFound)
            #expect(try await client.postForm("/disclosures/case-99999/reject", ["reason": "x"], cookie: epi).status == .notFound)

            // Approving the edited draft publishes exactly the edited version.
            #expect(try await client.postForm("/disclosures/\(toEdit.id)/approve", [:], cookie: epi).status == .seeOther)
            let published = try await city.services.disclosures.published()
            #expect(published.map(\.id) == [toEdit.id])
            #expect(published.first?.compound == "某小区" && published.first?.latitude == nil)
            // Others may not review.
            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await client.postForm("/disclosures/\(toEdit.id)/edit", ["compound": "x"], cookie: grid).status == .forbidden)
        }
        try await city.close()
    }
}
