import Domain
import Foundation
import Testing
import TestSupport

/// Directives and their acknowledgements in the store, on SQLite and PostgreSQL alike.
@Suite("Directive store contract")
struct DirectiveStoreContractTests {
    typealias C = StoreContractTests
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)
    static let audit = AuditEvent(at: t0, actor: "test", action: "directive.send")

    @Test("recipients chosen by the store, acknowledged once, listed and counted; escalation a level per interval up to the sender", arguments: Backend.available)
    func directives(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)  // city 330100 → district 330102 → grids G-A, G-B
        let d = Directive(
            id: "DIR-1", text: "排查", sender: "staff:hq", senderName: "指挥部", areaID: "330100", areaPath: C.city.path, downTo: .grid,
            deadline: Self.t0 + 3_600, gridTasks: true, createdAt: Self.t0)
        let task = GridTask(
            id: "T-dir", kind: .manual, factKey: "directive:DIR-1:G-A", gridID: "G-A", gridPath: C.gridA.path, note: "排查", createdAt: Self.t0, createdBy: "staff:hq",
            dueAt: Self.t0 + 3_600)
        #expect(try await store.sendDirective(d, levels: [.district, .street, .community, .grid], tasks: [task], audit: Self.audit) == 3)
        #expect(try await store.directive(id: "DIR-1") == d)
        #expect(try await store.task(id: "T-dir")?.factKey == "directive:DIR-1:G-A")
        #expect(try await store.directive(id: "DIR-2") == nil)

        #expect(try await store.acknowledgeDirective(id: "DIR-1", areaID: "G-A", by: "staff:a", at: Self.t0 + 60, audit: Self.audit))
        #expect(try await !store.acknowledgeDirective(id: "DIR-1", areaID: "G-A", by: "staff:a", at: Self.t0 + 120, audit: Self.audit))
        #expect(try await !store.acknowledgeDirective(id: "DIR-1", areaID: "NOWHERE", by: "staff:a", at: Self.t0 + 120, audit: Self.audit))

        let sent = try await store.directivesSent(within: AreaPath(C.city.path), at: Self.t0 + 7_200, page: PageRequest())
        #expect(sent.total == 1 && sent.items[0].recipients == 3 && sent.items[0].acknowledged == 1 && sent.items[0].overdue == 2)
        #expect(try await store.directivesSent(within: AreaPath(C.gridB.path), at: Self.t0, page: PageRequest()).total == 0)
        let received = try await store.directivesReceived(areaID: "G-A", page: PageRequest())
        #expect(received.total == 1 && received.items[0].recipient.acknowledgedAt == Self.t0 + 60 && received.items[0].recipient.areaName == "网格A")
        let pending = try await store.directiveRecipients(directiveID: "DIR-1", pendingOnly: true, page: PageRequest())
        #expect(pending.items.map(\.areaID) == ["330102", "G-B"] && pending.items[0].level == .district)
        #expect(try await store.directiveRecipients(directiveID: "DIR-1", pendingOnly: false, page: PageRequest(limit: 1)).total == 3)

        // Past the deadline: the district (rank 1) escalates once, the grid (rank 4) a level per 12 h.
        #expect(try await store.escalateDirectiveAcknowledgements(at: Self.t0, every: 43_200) == 0)
        #expect(try await store.escalateDirectiveAcknowledgements(at: Self.t0 + 3_660, every: 43_200) == 2)
        #expect(try await store.escalateDirectiveAcknowledgements(at: Self.t0 + 3_660 + 43_200, every: 43_200) == 1)
        let atDistrict = try await store.overdueAcknowledgements(below: AreaPath(C.district.path), rank: 1, at: Self.t0 + 50_000, page: PageRequest())
        #expect(atDistrict.items.isEmpty)  // G-B (rank 4) has climbed 2 levels: not yet to the district (3 away)
        #expect(try await store.escalateDirectiveAcknowledgements(at: Self.t0 + 3_660 + 86_400, every: 43_200) == 1)
        let reached = try await store.overdueAcknowledgements(below: AreaPath(C.district.path), rank: 1, at: Self.t0 + 90_000, page: PageRequest())
        #expect(reached.items.map(\.areaID) == ["G-B"] && reached.items[0].escalation == 3)
        try await store.close()
    }
}
