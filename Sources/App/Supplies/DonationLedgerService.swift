import Domain
import Foundation
import Privacy
import GridWork
import Supplies

/// The public donation ledger (捐赠公示, "精确到分"): one person of the ledger office enters a line,
/// another approves it, and only then is it sealed onto the hash chain that anyone can recompute
/// from `/open-data/donations.json`. Nothing is edited: a correction is a new line naming the old.
/// No item's balance may go below zero; an allocation of goods to an area starts a shipment.
public struct DonationLedgerService: Sendable {
    let store: any SupplyRepository & AreaRepository
    let profiles: ProfileStore
    let publicCache: PublicCache
    let clock: WallClock
    let directory: PersonDirectory

    /// Enters a line for a second person to approve.
    public func enter(_ form: LedgerForm, as principal: Principal) async throws -> LedgerDraft {
        try await directory.authorize(principal, .enterLedger, kind: "ledger", id: "enter")
        let id = "LD-" + SecretToken.shortID(6)
        let draft: LedgerDraft
        switch form.draft(id: id, enteredBy: principal.auditName, enteredByName: principal.displayName, at: clock.now()) {
        case .failure(let problems): throw problems
        case .success(var d):
            // The recipient area by its id, or by a name that names exactly one area.
            if let typed = d.recipientArea {
                var found = try await store.area(id: typed)
                if found == nil {
                    let named = try await store.areas(named: typed, within: .everywhere, limit: 20).filter { $0.name == typed }
                    found = named.count == 1 ? named.first : nil
                }
                guard let area = found else { throw LedgerForm.Problems(all: [.recipient]) }
                d.recipientArea = area.id
                d.recipient = d.recipient ?? area.name
            }
            draft = d
        }
        if let seq = draft.corrects, try await store.ledgerEntry(seq: seq) == nil { throw LedgerForm.Problems(all: [.corrects(String(seq))]) }
        try await store.saveLedgerDraft(draft, audit: clock.event(principal.auditName, .ledgerEnter, kind: "ledger", id: draft.id, detail: "\(draft.kind.rawValue) \(draft.item) \(draft.amount)"))
        return draft
    }

    /// Lines waiting for a second person, oldest first.
    public func pending(page: PageRequest, as principal: Principal) async throws -> ListPage<LedgerDraft> {
        try await directory.authorize(principal, .approveLedger, kind: "ledger", id: "pending")
        return try await store.pendingLedgerDrafts(page: page)
    }

    /// A second person approves a line: sealed onto the chain, refused if it would leave its item
    /// below zero or if they entered it themselves.
    public func approve(_ id: String, as principal: Principal) async throws -> LedgerEntry {
        try await directory.authorize(principal, .approveLedger, kind: "ledger", id: id)
        guard let typed = try await store.ledgerDraft(id: id) else { throw StoreError.notFound(kind: "ledger line", id: id) }
        var found: Area?
        if typed.kind == .allocation, typed.item != LedgerEntry.cash, let areaID = typed.recipientArea { found = try await store.area(id: areaID) }
        let destination = found
        let now = clock.now()
        let day = ReportDay(offsetMinutes: profiles.profile.colours.dayOffsetMinutes).day(of: now)
        let approver = principal.auditName, approverName = principal.displayName
        let entry = try await store.approveLedgerDraft(
            id: id, audit: clock.event(approver, .ledgerApprove, kind: "ledger", id: id)
        ) { approval throws -> LedgerAppend in
            var draft = approval.draft
            guard draft.enteredBy != approver else { throw LedgerRules.Refusal.samePerson }
            let effect = try LedgerRules.effect(of: draft, corrected: approval.corrected, current: approval.current)
            try LedgerRules.check(balance: approval.balance, delta: effect.delta, item: draft.item)
            // A correction keeps its original's donor or recipient unless it corrects them too.
            if let original = approval.corrected {
                draft.donor = draft.donor ?? original.donor
                draft.recipient = draft.recipient ?? original.recipient
                draft.unit = draft.unit ?? original.unit
            }
            let prev = approval.tail?.hash ?? LedgerEntry.genesis
            let entry = LedgerChain.seal(draft.entry(seq: (approval.tail?.seq ?? 0) + 1, prev: prev, approvedBy: approverName, at: now), after: prev)
            let party = effect.direction == .in ? (entry.donor ?? "anonymous") : (entry.recipient ?? destination?.name ?? entry.recipientArea ?? "")
            let shipment = destination.map { area in
                var s = SupplyShipment(
                    id: "SH-" + SecretToken.shortID(6), item: entry.item, quantity: entry.amount, unit: entry.unit, fromArea: nil, toArea: area.id,
                    toPath: area.path, sentBy: approver, sentAt: now)
                s.ledgerSeq = entry.seq
                return s
            }
            return LedgerAppend(entry: entry, delta: effect.delta, direction: effect.direction, party: party, shipment: shipment, day: day)
        }
        publicCache.clear()
        return entry
    }

    public func reject(_ id: String, reason: String, as principal: Principal) async throws {
        try await directory.authorize(principal, .approveLedger, kind: "ledger", id: id)
        guard var draft = try await store.ledgerDraft(id: id) else { throw StoreError.notFound(kind: "ledger line", id: id) }
        draft.state = .rejected
        draft.decidedBy = principal.auditName
        draft.decidedAt = clock.now()
        draft.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard try await store.rejectLedgerDraft(draft, audit: clock.event(principal.auditName, .ledgerReject, kind: "ledger", id: id, detail: draft.reason ?? ""))
        else { throw LedgerRules.Refusal.notPending }
    }

    // What the public reads (cached: the ledger changes a few times a day).

    /// The whole chain, oldest first: anyone verifying it needs every entry.
    public func chain() async throws -> [LedgerEntry] {
        try await publicCache.value("ledger/chain") {
            var all: [LedgerEntry] = []
            while true {
                let next = try await store.ledgerEntries(from: all.count + 1, limit: 1000)
                all += next
                if next.count < 1000 { return all }
            }
        }
    }

    public func entries(page: PageRequest) async throws -> ListPage<LedgerEntry> {
        let total = try await store.ledgerEntryCount()
        // Newest first on the page: the latest lines are what people look for.
        let from = max(1, total - page.offset - page.limit + 1), through = total - page.offset
        let items = through < 1 ? [] : try await store.ledgerEntries(from: from, limit: through - from + 1).reversed()
        return ListPage(items: Array(items), total: total, request: page)
    }

    public func balances() async throws -> [LedgerBalance] { try await store.ledgerBalances() }
    public func heads(limit: Int = 14) async throws -> [LedgerHead] { try await store.ledgerHeads(limit: limit) }
    public func totals(_ direction: LedgerDirection, page: PageRequest) async throws -> ListPage<LedgerTotal> {
        try await store.ledgerTotals(direction, page: page)
    }
}
