import Domain
import Foundation
import Testing
import TestSupport

/// Health facts and statuses on SQLite and PostgreSQL alike.
@Suite("Health store contract")
struct HealthStoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)
    static func audit(_ action: String) -> AuditEvent { AuditEvent(at: t0, actor: "test", action: action, subjectKind: "person", subjectID: "P", detail: "") }

    @Test("check-ins, case records and exposures round-trip; tracing again replaces a case's exposures", arguments: Backend.available)
    func facts(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let a = CheckIn(person: "P", at: Self.t0, temperature: 36.6)
        let b = CheckIn(person: "P", at: Self.t0.addingTimeInterval(86400), temperature: 38.1, symptoms: ["cough", "fever"], by: "PROXY")
        try await store.insertCheckIn(a, audit: nil)
        try await store.insertCheckIn(b, audit: Self.audit("checkin"))
        #expect(try await store.checkIns(person: "P", since: Self.t0) == [a, b])
        #expect(try await store.checkIns(person: "P", since: Self.t0.addingTimeInterval(1)) == [b])

        var record = CaseRecord(person: "C1", status: .suspected, updatedBy: "epi", updatedAt: Self.t0)
        try await store.saveCaseRecord(record, audit: Self.audit("case.update"))
        record.status = .confirmed
        record.onset = Self.t0.addingTimeInterval(-86400)
        record.isolatedAt = Self.t0
        record.outcome = "in-hospital"
        try await store.saveCaseRecord(record, audit: Self.audit("case.update"))
        #expect(try await store.caseRecord(person: "C1") == record)

        let first = [
            ContactExposure(person: "P", caseID: "C1", category: .close, lastExposure: Self.t0, place: "V1"),
            ContactExposure(person: "Q", caseID: "C1", category: .secondary, lastExposure: Self.t0),
        ]
        try await store.replaceExposures(caseID: "C1", with: first, audit: nil)
        try await store.replaceExposures(caseID: "C2", with: [ContactExposure(person: "P", caseID: "C2", category: .companion, lastExposure: Self.t0)], audit: nil)
        #expect(try await store.exposures(person: "P").map(\.caseID) == ["C1", "C2"])
        try await store.replaceExposures(caseID: "C1", with: [ContactExposure(person: "Q", caseID: "C1", category: .close, lastExposure: Self.t0)], audit: nil)
        #expect(try await store.exposures(person: "P").map(\.caseID) == ["C2"])
        #expect(try await store.exposures(person: "Q").map(\.category) == [.close])
        try await store.close()
    }

    @Test("the case list: people with a positive result by first positive sample, under an area or everywhere, paged and counted; stored contact counts and links between cases",
        arguments: Backend.available)
    func caseListAndExposureCounts(_ backend: Backend) async throws {
        typealias C = StoreContractTests
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        _ = try await store.insertResidents(
            [try C.resident("RA", grid: C.gridA), try C.resident("RB", grid: C.gridB, idNumber: "330102199001011242", phone: "13900000011")], audit: nil)
        let t0 = Self.t0
        _ = try await store.insertLabResults(
            [
                LabResult(id: "L1", person: "RB", sampledAt: t0, result: .positive, test: .antigen),
                LabResult(id: "L2", person: "RB", sampledAt: t0 + 3600, result: .positive, test: .pcr),
                LabResult(id: "L3", person: "RA", sampledAt: t0 + 60, result: .positive, test: .pcr),
                LabResult(id: "L4", person: "VISITOR", sampledAt: t0 - 60, result: .positive, test: .pcr),  // lives nowhere here
                LabResult(id: "L5", person: "RN", sampledAt: t0 - 120, result: .negative, test: .pcr),
            ], audit: nil)
        let everywhere = try await store.positivePeople(within: .everywhere, page: PageRequest())
        #expect(everywhere.items == ["VISITOR", "RB", "RA"] && everywhere.total == 3)
        let district = try await store.positivePeople(within: AreaPath(C.district.path), page: PageRequest(offset: 1, limit: 1))
        #expect(district.items == ["RA"] && district.total == 2 && !district.hasNext)
        #expect(try await store.positivePeople(within: AreaPath(C.gridB.path), page: PageRequest()).items == ["RB"])

        try await store.replaceExposures(
            caseID: "RB",
            with: [
                ContactExposure(person: "RA", caseID: "RB", category: .close, lastExposure: t0),
                ContactExposure(person: "X1", caseID: "RB", category: .close, lastExposure: t0),
                ContactExposure(person: "X2", caseID: "RB", category: .secondary, lastExposure: t0),
            ], audit: nil)
        try await store.replaceExposures(caseID: "RA", with: [ContactExposure(person: "X3", caseID: "RA", category: .household, lastExposure: t0)], audit: nil)
        #expect(
            try await store.exposureCounts(caseIDs: ["RB", "RA", "NONE"]) == [
                ExposureCount(caseID: "RA", category: .household, count: 1), ExposureCount(caseID: "RB", category: .close, count: 2),
                ExposureCount(caseID: "RB", category: .secondary, count: 1),
            ])
        #expect(try await store.exposureCounts(caseIDs: []).isEmpty)
        let links = try await store.exposureLinks(among: ["RA", "RB"])
        #expect(links.map { "\($0.caseID)>\($0.person)" } == ["RB>RA"])
        #expect(try await store.exposureLinks(among: []).isEmpty)
        try await store.close()
    }

    @Test("an override request is decided once: a second decision is refused", arguments: Backend.available)
    func overrideDecidedOnce(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await StoreContractTests.seed(store)
        _ = try await store.insertResidents([try StoreContractTests.resident("P", grid: StoreContractTests.gridA)], audit: nil)
        let request = OverrideRequest(
            id: "O1", person: "P", colour: .green, legalBasis: "《传染病防治法》第三十九条", until: Self.t0.addingTimeInterval(86400 * 3), proposer: "epi",
            proposedAt: Self.t0)
        try await store.insertOverrideRequest(request, audit: Self.audit("override.propose"))
        #expect(try await store.pendingOverrideRequests(within: AreaPath(StoreContractTests.district.path), page: PageRequest(limit: 10)).items.map(\.id) == ["O1"])
        var approved = request
        approved.state = .approved
        approved.approver = "command"
        approved.decidedAt = Self.t0.addingTimeInterval(60)
        #expect(try await store.decideOverride(approved, notify: nil, audit: Self.audit("override.approve")))
        var rejected = request
        rejected.state = .rejected
        rejected.approver = "other"
        rejected.decidedAt = Self.t0.addingTimeInterval(120)
        #expect(try await store.decideOverride(rejected, notify: nil, audit: Self.audit("override.reject")) == false)
        #expect(try await store.overrideRequest(id: "O1") == approved)
        #expect(try await store.overrideRequests(person: "P").first?.approved?.approver == "command")
        #expect(try await store.pendingOverrideRequests(within: .everywhere, page: PageRequest(limit: 10)).items.isEmpty)
        try await store.close()
    }

    @Test("statuses are stored whole; the history grows only when the colour or the reasons change", arguments: Backend.available)
    func statusHistory(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let reason = StatusReason(rule: "contact.close", colour: .red, facts: ["case": "C1", "place": "V1"], until: Self.t0.addingTimeInterval(86400 * 14))
        let red = HealthStatus(
            person: "P", colour: .red, reasons: [reason], until: reason.until, actions: [.checkIns(done: 0, needed: 14)], profileVersion: 1, computedAt: Self.t0)
        try await store.saveStatus(red)
        var later = red
        later.computedAt = Self.t0.addingTimeInterval(3600)
        try await store.saveStatus(later)  // same colour and reasons: no new history entry
        let green = HealthStatus(person: "P", colour: .green, reasons: [], until: nil, actions: [], profileVersion: 1, computedAt: Self.t0.addingTimeInterval(86400 * 15))
        try await store.saveStatus(green)
        #expect(try await store.status(person: "P") == green)
        #expect(try await store.statusHistory(person: "P").map(\.colour) == [.red, .green])
        #expect(try await store.statusHistory(person: "P").first == red)
        try await store.close()
    }
}
