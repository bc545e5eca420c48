import Domain
import Foundation
import Testing
import TestSupport

/// Lists that staff open are cut to their jurisdiction by the store itself (a range scan on the
/// area path), never read whole and filtered afterwards; and a failed trace is recorded, counted
/// and cleared by the next successful one. On SQLite and PostgreSQL alike.
@Suite("Store contract: jurisdiction-scoped lists and trace failures")
struct JurisdictionStoreContractTests {
    typealias C = StoreContractTests
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    static let audit = AuditEvent(at: t0, actor: "test", action: "test")

    @Test("overrides, appeals, cases, accounts, assignments and checkpoints are filtered by area in the store", arguments: Backend.available)
    func scopedLists(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let a = AreaPath(C.gridA.path), b = AreaPath(C.gridB.path), district = AreaPath(C.district.path)
        _ = try await store.insertResidents(
            [try C.resident("RA", grid: C.gridA), try C.resident("RB", grid: C.gridB, idNumber: "110105194912310023", phone: "13812345679")], audit: nil)
        for person in ["RA", "RB"] {
            try await store.insertOverrideRequest(
                OverrideRequest(id: "O-\(person)", person: person, colour: .green, legalBasis: "《传染病防治法》第三十九条", until: Self.t0.addingTimeInterval(86400), proposer: "x", proposedAt: Self.t0),
                audit: Self.audit)
            try await store.insertAppeal(
                Appeal(id: "A-\(person)", person: person, factKind: "other", factID: nil, reason: "not me", submittedBy: person, submittedAt: Self.t0, deadline: Self.t0.addingTimeInterval(86400)),
                audit: Self.audit)
        }
        _ = try await store.insertLabResults(
            [LabResult(id: "L-A", person: "RA", sampledAt: Self.t0, result: .positive), LabResult(id: "L-B", person: "RB", sampledAt: Self.t0, result: .positive)], audit: nil)
        _ = try await store.insertPlaces(
            [Place(id: "GATE-A", kind: .checkpoint, name: "A 卡口", areaID: "G-A"), Place(id: "GATE-B", kind: .checkpoint, name: "B 卡口", areaID: "G-B"),
             Place(id: "SHOP-A", kind: .venue, name: "超市", areaID: "G-A")], audit: nil)
        for (id, grid) in [("acct-a", C.gridA), ("acct-b", C.gridB)] {
            try await store.createAccount(
                StaffAccount(id: id, username: id, displayName: id, role: .gridWorker, jurisdictionID: grid.id, jurisdictionPath: grid.path, passwordHash: nil, createdAt: Self.t0),
                audit: nil)
            try await store.assign(Assignment(accountID: id, areaID: grid.id, from: Self.t0, by: "test"), areaPath: grid.path, audit: Self.audit)
        }

        for person in ["RA", "RB"] {
            _ = try await store.draftDisclosure(
                casePerson: person,
                make: { n in
                    CaseDisclosure(
                        id: "D-\(person)", number: n, sex: .male, ageBand: "70-79", compound: nil, compoundID: nil, latitude: nil, longitude: nil, district: nil,
                        confirmedOn: CalendarDate(iso: "2023-11-14")!, trajectory: [], preparedAt: Self.t0)
                }, audit: Self.audit)
        }
        #expect(try await store.disclosures(state: .draft, within: a, limit: 10).page.map(\.id) == ["D-RA"])
        #expect(try await store.disclosures(state: .draft, within: district, limit: 0).total == 2)
        #expect(try await store.disclosureCasePerson(id: "D-RB") == "RB")
        #expect(try await store.pendingOverrideRequests(within: a, page: PageRequest(limit: 10)).items.map(\.id) == ["O-RA"])
        #expect(try await store.pendingOverrideRequests(within: district, page: PageRequest(limit: 10)).items.map(\.id).sorted() == ["O-RA", "O-RB"])
        // Paged and counted in the store.
        let second = try await store.pendingOverrideRequests(within: district, page: PageRequest(offset: 1, limit: 1))
        #expect(second.total == 2 && second.items.count == 1 && !second.hasNext && second.hasPrevious)
        #expect(try await store.openAppeals(within: district, page: PageRequest(offset: 0, limit: 1)).total == 2)
        #expect(try await store.openAppeals(within: b, page: PageRequest(limit: 10)).items.map(\.id) == ["A-RB"])
        #expect(try await store.positiveLabResults(within: a, limit: 10).map(\.id) == ["L-A"])
        #expect(try await store.positiveLabResults(within: .everywhere, limit: 10).map(\.id) == ["L-A", "L-B"])
        #expect(try await store.accounts(within: b).map(\.id) == ["acct-b"])
        #expect(try await store.assignments(ofAccountsWithin: a).map(\.accountID) == ["acct-a"])
        #expect(try await store.assignments(ofAccountsWithin: district).map(\.accountID) == ["acct-a", "acct-b"])
        #expect(try await store.places(kind: .checkpoint, within: a).map(\.id) == ["GATE-A"])
        #expect(try await store.places(kind: .checkpoint, within: district).map(\.id) == ["GATE-A", "GATE-B"])
        #expect(try await store.openAppeals(within: AreaPath("/330100/330102/G-A-nothing/"), page: PageRequest(limit: 10)).items.isEmpty)
        try await store.close()
    }

    @Test("a trace failure is counted per case and cleared when exposures are next replaced", arguments: Backend.available)
    func traceFailures(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let exposure = ContactExposure(person: "P", caseID: "C1", category: .close, lastExposure: Self.t0, place: "V1")
        try await store.replaceExposures(caseID: "C1", with: [exposure], audit: nil)
        try await store.recordTraceFailure(caseID: "C1", at: Self.t0, reason: "disk I/O error")
        try await store.recordTraceFailure(caseID: "C1", at: Self.t0.addingTimeInterval(60), reason: "database is locked")
        try await store.recordTraceFailure(caseID: "C2", at: Self.t0.addingTimeInterval(30), reason: "timeline")
        let failure = try #require(try await store.traceFailure(caseID: "C1"))
        #expect(failure.attempts == 2)
        #expect(failure.firstFailedAt == Self.t0)
        #expect(failure.lastFailedAt == Self.t0.addingTimeInterval(60))
        #expect(failure.reason == "database is locked")
        #expect(try await store.traceFailures(limit: 10).map(\.caseID) == ["C1", "C2"])
        // Recording a failure leaves the case's exposures as they were.
        #expect(try await store.exposures(person: "P") == [exposure])
        try await store.replaceExposures(caseID: "C1", with: [], audit: nil)
        #expect(try await store.traceFailure(caseID: "C1") == nil)
        #expect(try await store.traceFailures(limit: 10).map(\.caseID) == ["C2"])
        try await store.close()
    }
}
