import Domain
import Foundation
import Testing
import TestSupport

/// Supplies in the store, on SQLite and PostgreSQL alike: stock, rounds and their entries, draws and
/// pickups, the ledger's append-only chain and balances, shipments and what each area holds.
@Suite("Supply store contract")
struct SupplyStoreContractTests {
    typealias C = StoreContractTests
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)
    static let audit = AuditEvent(at: t0, actor: "test", action: "supplies")
    static let day = CalendarDate(year: 2025, month: 11, day: 24)!

    static func pharmacies(_ store: any CordonStore) async throws {
        try await C.seed(store)
        _ = try await store.insertPlaces(
            [Place(id: "PH-A", kind: .pharmacy, name: "甲药房", areaID: C.gridA.id, latitude: 30.2, longitude: 120.1),
             Place(id: "PH-B", kind: .pharmacy, name: "乙药房", areaID: C.gridB.id), Place(id: "V-1", kind: .venue, name: "商场", areaID: C.gridA.id)], audit: nil)
    }

    static func round(_ id: String, opens: Date = t0, closes: Date = t0 + 3_600, product: String = "adult-mask") -> MaskRound {
        MaskRound(
            id: id, product: product, opensAt: opens, closesAt: closes, perEntry: 5, quantities: ["PH-A": 10, "PH-B": 5], commitment: "c", seed: "s",
            areaID: C.district.id, areaPath: C.district.path, createdBy: "staff:cc")
    }

    @Test("stock is set per pharmacy and product and listed with the pharmacy, its address and nothing but pharmacies", arguments: Backend.available)
    func stock(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.pharmacies(store)
        try await store.setStock(
            [PharmacyStock(pharmacy: "PH-A", product: "adult-mask", units: 100, updatedAt: Self.t0, updatedBy: "staff:ph"),
             PharmacyStock(pharmacy: "PH-A", product: "child-mask", units: 3, updatedAt: Self.t0, updatedBy: "staff:ph")], audit: Self.audit)
        try await store.setStock([PharmacyStock(pharmacy: "PH-A", product: "adult-mask", units: 80, updatedAt: Self.t0 + 60, updatedBy: "feed")], audit: nil)
        #expect(try await store.stock(pharmacy: "PH-A").map(\.units) == [80, 3])
        let page = try await store.pharmacies(within: AreaPath(C.district.path), page: PageRequest(limit: 1))
        // By name: 乙 sorts before 甲.
        #expect(page.total == 2 && page.items.map(\.place.id) == ["PH-B"])
        let a = try #require(try await store.pharmacies(within: AreaPath(C.gridA.path), page: PageRequest()).items.first)
        #expect(a.place.id == "PH-A" && a.address == "上城区 网格A" && a.updatedAt == Self.t0 + 60)
        let all = try await store.allPharmacies()
        #expect(all.map(\.place.id) == ["PH-A", "PH-B"] && all[1].stock.isEmpty)
    }

    @Test("one entry per person and round; quota counts won and waiting units; a draw happens once; a pickup once, at its pharmacy", arguments: Backend.available)
    func rounds(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.pharmacies(store)
        try await store.setStock([PharmacyStock(pharmacy: "PH-A", product: "adult-mask", units: 7, updatedAt: Self.t0, updatedBy: "x")], audit: nil)
        let r1 = Self.round("R1"), r2 = Self.round("R2", opens: Self.t0 + 7_200, closes: Self.t0 + 9_000)
        try await store.createRound(r1, tokenKey: [1, 2, 3], returning: [], audit: Self.audit)
        try await store.createRound(r2, tokenKey: [4], returning: [], audit: Self.audit)
        #expect(try await store.round(id: "R1") == r1)
        #expect(try await store.roundTokenKey(id: "R1") == [1, 2, 3])
        #expect(try await store.rounds(within: AreaPath(C.district.path), page: PageRequest()).items.map(\.id) == ["R2", "R1"])
        #expect(try await store.rounds(within: AreaPath(C.gridA.path), page: PageRequest()).total == 0)

        for (person, token, pharmacy) in [("P1", "bb", "PH-A"), ("P2", "aa", "PH-A"), ("P3", "cc", "PH-B")] {
            try await store.enterRound(RoundEntry(round: "R1", person: person, token: token, pharmacy: pharmacy, enteredBy: "resident:\(person)", enteredAt: Self.t0), audit: Self.audit)
        }
        await #expect(throws: StoreError.duplicate(kind: "entry", key: "P1")) {
            try await store.enterRound(RoundEntry(round: "R1", person: "P1", token: "dd", pharmacy: "PH-B", enteredBy: "x", enteredAt: Self.t0), audit: Self.audit)
        }
        try await store.enterRound(RoundEntry(round: "R2", person: "P1", token: "ee", pharmacy: "PH-A", enteredBy: "x", enteredAt: Self.t0), audit: Self.audit)
        #expect(try await store.roundEntries(round: "R1").map(\.token) == ["aa", "bb", "cc"])
        #expect(try await store.roundEntryCount(round: "R1") == 3)
        #expect(try await store.roundEntrants(round: "R1", tokens: ["aa", "cc", "zz"]) == ["aa": "P2", "cc": "P3"])
        #expect(try await store.entries(person: "P1").map(\.round).sorted() == ["R1", "R2"])
        // Two open rounds waiting: 5 + 5.
        #expect(try await store.rationedUnits(person: "P1", product: "adult-mask", since: Self.t0 - 86_400) == 10)
        #expect(try await store.rationedUnits(person: "P1", product: "child-mask", since: Self.t0 - 86_400) == 0)
        #expect(try await store.roundsToDraw(at: Self.t0 + 3_600).map(\.id) == ["R1"])

        var drawn = r1
        drawn.state = .drawn
        drawn.drawnAt = Self.t0 + 3_600
        let expires = Self.t0 + 3 * 86_400
        let allocations = [("P2", "aa", "PH-A"), ("P3", "cc", "PH-B")].map { person, token, pharmacy in
            PickupAllocation(id: "PU-\(person)", round: "R1", person: person, token: token, pharmacy: pharmacy, product: "adult-mask", units: 5, expiresAt: expires)
        }
        #expect(try await store.drawRound(drawn, winners: ["aa", "cc"], allocations: allocations, audit: Self.audit))
        #expect(try await !store.drawRound(drawn, winners: ["bb"], allocations: [], audit: Self.audit))
        #expect(try await store.roundWinners(round: "R1") == ["aa", "cc"])
        #expect(try await store.entries(person: "P2").first?.won == true)
        #expect(try await store.entries(person: "P1").first { $0.round == "R1" }?.won == false)
        #expect(try await store.roundsToDraw(at: Self.t0 + 10_000).map(\.id) == ["R2"])
        // P2 won 5 (counted), P1's R1 entry lost (not counted), R2 still waits.
        #expect(try await store.rationedUnits(person: "P2", product: "adult-mask", since: Self.t0) == 5)
        #expect(try await store.rationedUnits(person: "P1", product: "adult-mask", since: Self.t0) == 5)
        #expect(try await store.allocation(id: "PU-P2")?.token == "aa")
        #expect(try await store.allocations(person: "P3").map(\.id) == ["PU-P3"])

        // Collected once, only at its pharmacy, and the shelf goes down (not below zero).
        #expect(try await store.collect(allocation: "PU-P2", pharmacy: "PH-B", by: "staff:ph", at: Self.t0 + 4_000, audit: Self.audit) == .refused(.otherPharmacy("PH-A")))
        guard case .collected(let collected) = try await store.collect(allocation: "PU-P2", pharmacy: "PH-A", by: "staff:ph", at: Self.t0 + 4_000, audit: Self.audit) else {
            Issue.record("the pickup was not recorded")
            return
        }
        #expect(collected.state == .collected)
        #expect(try await store.collect(allocation: "PU-P2", pharmacy: "PH-A", by: "staff:ph", at: Self.t0 + 5_000, audit: Self.audit)
            == .refused(.alreadyCollected(at: Self.t0 + 4_000)))
        #expect(try await store.stock(pharmacy: "PH-A").first?.units == 2)
        #expect(try await store.collect(allocation: "PU-none", pharmacy: "PH-A", by: "x", at: Self.t0, audit: Self.audit) == .refused(.unknown))
        #expect(try await store.collect(allocation: "PU-P3", pharmacy: "PH-B", by: "x", at: expires + 1, audit: Self.audit) == .refused(.expired(expires)))

        // Uncollected after expiry: returned to the next round, and no longer counted.
        #expect(try await store.expiredAllocations(product: "adult-mask", before: expires + 1).map(\.id) == ["PU-P3"])
        try await store.createRound(Self.round("R3", opens: expires, closes: expires + 3_600), tokenKey: [9], returning: ["PU-P3"], audit: Self.audit)
        let returned = try await store.allocation(id: "PU-P3")
        #expect(returned?.state == .returned && returned?.returnedTo == "R3")
        #expect(try await store.expiredAllocations(product: "adult-mask", before: expires + 1).isEmpty)
        #expect(try await store.rationedUnits(person: "P3", product: "adult-mask", since: Self.t0) == 0)

        #expect(try await store.addToPriorityGroup(["P1", "P2"], group: "medical", by: "staff:cc", audit: Self.audit) == 2)
        #expect(try await store.addToPriorityGroup(["P1"], group: "medical", by: "staff:cc", audit: Self.audit) == 0)
        #expect(try await store.priorityGroups(person: "P1") == ["medical"])
        #expect(try await store.priorityGroups(person: "P3").isEmpty)
    }

    static func seal(_ approval: LedgerApproval, delta: Int, direction: LedgerDirection, approver: String = "李强") -> LedgerAppend {
        let prev = approval.tail?.hash ?? LedgerEntry.genesis
        var entry = approval.draft.entry(seq: (approval.tail?.seq ?? 0) + 1, prev: prev, approvedBy: approver, at: t0)
        entry.hash = "h\(entry.seq)"
        return LedgerAppend(entry: entry, delta: delta, direction: direction, party: approval.draft.donor ?? approval.draft.recipient ?? approval.corrected?.donor ?? "", shipment: nil, day: day)
    }

    @Test("the ledger appends in order under one writer, reads balances, heads and totals, and refuses any edit of a line", arguments: Backend.available)
    func ledger(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        let store = fresh.store
        try await C.seed(store)
        func draft(_ id: String, _ kind: LedgerEntry.Kind, _ item: String, _ amount: Int, donor: String? = nil, recipient: String? = nil, corrects: Int? = nil) async throws {
            var d = LedgerDraft(id: id, kind: kind, date: Self.day, item: item, amount: amount, enteredBy: "staff:a", enteredByName: "王芳", enteredAt: Self.t0)
            (d.donor, d.recipient, d.corrects) = (donor, recipient, corrects)
            try await store.saveLedgerDraft(d, audit: Self.audit)
        }
        try await draft("D1", .donation, "cash", 100_000, donor: "甲公司")
        try await draft("D2", .allocation, "cash", 30_000, recipient: "医院")
        try await draft("D3", .correction, "cash", 90_000, corrects: 1)
        try await draft("D4", .donation, "N95", 500, donor: "anonymous")
        #expect(try await store.ledgerDraft(id: "D2")?.recipient == "医院")
        #expect(try await store.pendingLedgerDrafts(page: PageRequest()).total == 4)

        let first = try await store.approveLedgerDraft(id: "D1", audit: Self.audit) { approval in
            #expect(approval.tail == nil && approval.balance == 0)
            return Self.seal(approval, delta: 100_000, direction: .in)
        }
        #expect(first.seq == 1 && first.prev == LedgerEntry.genesis)
        // A refusal from the sealing leaves nothing behind.
        await #expect(throws: LedgerRules.Refusal.negativeBalance(item: "cash", balance: -1)) {
            try await store.approveLedgerDraft(id: "D2", audit: Self.audit) { _ in throw LedgerRules.Refusal.negativeBalance(item: "cash", balance: -1) }
        }
        #expect(try await store.ledgerEntryCount() == 1)
        #expect(try await store.ledgerDraft(id: "D2")?.state == .pending)
        _ = try await store.approveLedgerDraft(id: "D2", audit: Self.audit) { approval in
            #expect(approval.tail?.seq == 1 && approval.balance == 100_000)
            return Self.seal(approval, delta: -30_000, direction: .out)
        }
        _ = try await store.approveLedgerDraft(id: "D3", audit: Self.audit) { approval in
            #expect(approval.corrected?.seq == 1 && approval.current == 100_000 && approval.balance == 70_000)
            return Self.seal(approval, delta: -10_000, direction: .in)
        }
        await #expect(throws: LedgerRules.Refusal.notPending) {
            try await store.approveLedgerDraft(id: "D3", audit: Self.audit) { Self.seal($0, delta: 0, direction: .in) }
        }
        var rejected = try #require(try await store.ledgerDraft(id: "D4"))
        rejected.state = .rejected
        #expect(try await store.rejectLedgerDraft(rejected, audit: Self.audit))
        #expect(try await !store.rejectLedgerDraft(rejected, audit: Self.audit))
        #expect(try await store.pendingLedgerDrafts(page: PageRequest()).total == 0)

        let chain = try await store.ledgerEntries(from: 1, limit: 10)
        #expect(chain.map(\.seq) == [1, 2, 3] && chain[1].prev == "h1" && chain[2].corrects == 1)
        #expect(try await store.ledgerEntry(seq: 3)?.amountCents == 90_000)
        #expect(try await store.ledgerEntries(from: 3, limit: 10).map(\.seq) == [3])
        #expect(try await store.ledgerBalances() == [LedgerBalance(item: "cash", received: 90_000, allocated: 30_000)])
        #expect(try await store.ledgerHeads(limit: 5) == [LedgerHead(day: Self.day, seq: 3, hash: "h3")])
        let donors = try await store.ledgerTotals(.in, page: PageRequest())
        #expect(donors.total == 1 && donors.items == [LedgerTotal(name: "甲公司", item: "cash", amount: 90_000, entries: 1)])
        #expect(try await store.ledgerTotals(.out, page: PageRequest()).items == [LedgerTotal(name: "医院", item: "cash", amount: 30_000, entries: 1)])

        // Lines are never edited nor removed, whoever holds the database.
        await #expect(throws: (any Error).self) { try await fresh.execute("UPDATE ledger_entries SET amount = 1 WHERE seq = 2") }
        await #expect(throws: (any Error).self) { try await fresh.execute("DELETE FROM ledger_entries WHERE seq = 3") }
        #expect(try await store.ledgerEntry(seq: 2)?.amountCents == 30_000)
    }

    @Test("goods go down the tree: an area sends no more than it confirmed holding, receipt is confirmed once, holdings by area", arguments: Backend.available)
    func shipments(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let fromLedger = SupplyShipment(
            id: "SH1", item: "N95", quantity: 100, unit: "只", fromArea: nil, toArea: C.district.id, toPath: C.district.path, sentBy: "staff:cc", sentAt: Self.t0)
        try await store.sendShipment(fromLedger, fromPath: nil, audit: Self.audit)
        let onward = SupplyShipment(id: "SH2", item: "N95", quantity: 40, unit: nil, fromArea: C.district.id, toArea: C.gridA.id, toPath: C.gridA.path, sentBy: "staff:d", sentAt: Self.t0)
        // Not received yet: the district holds nothing to send.
        await #expect(throws: SupplyShortfall(item: "N95", asked: 40, onHand: 0)) { try await store.sendShipment(onward, fromPath: C.district.path, audit: Self.audit) }
        #expect(try await store.receiveShipment(id: "SH1", by: "staff:d", at: Self.t0, audit: Self.audit))
        #expect(try await !store.receiveShipment(id: "SH1", by: "staff:d", at: Self.t0, audit: Self.audit))
        try await store.sendShipment(onward, fromPath: C.district.path, audit: Self.audit)
        await #expect(throws: SupplyShortfall(item: "N95", asked: 70, onHand: 60)) {
            var more = onward
            (more.id, more.quantity) = ("SH3", 70)
            try await store.sendShipment(more, fromPath: C.district.path, audit: Self.audit)
        }
        #expect(try await store.shipment(id: "SH2")?.state == .sent)
        #expect(try await store.shipments(within: AreaPath(C.district.path), page: PageRequest()).items.map(\.id) == ["SH2", "SH1"])
        #expect(try await store.shipments(within: AreaPath(C.gridB.path), page: PageRequest()).total == 0)
        let held = try await store.areaStocks(within: AreaPath(C.district.path))
        #expect(held == [AreaStock(areaID: C.district.id, item: "N95", received: 100, sentOn: 40, inTransit: 0), AreaStock(areaID: C.gridA.id, item: "N95", received: 0, sentOn: 0, inTransit: 40)])
    }
}
