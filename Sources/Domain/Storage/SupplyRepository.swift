import Foundation

/// Supplies (口罩预约, 捐赠公示): pharmacies' stock, reservation rounds with their entries, draws and
/// pickups, the donation ledger's chain, and goods travelling down the city.
public protocol SupplyRepository: Sendable {
    // Pharmacies and their stock.

    /// Sets each product's units at a pharmacy (a row per pharmacy and product).
    func setStock(_ stock: [PharmacyStock], audit: AuditEvent?) async throws
    func stock(pharmacy: String) async throws -> [PharmacyStock]
    /// Pharmacies within `area` with their stock, by name; counted in the store.
    func pharmacies(within area: AreaPath, page: PageRequest) async throws -> ListPage<PharmacyListing>
    /// Every pharmacy with its stock, by id: the public open-data feed.
    func allPharmacies() async throws -> [PharmacyListing]

    // Reservation rounds.

    /// Stores a new round with its token key, and marks the allocations it takes back as returned to it.
    func createRound(_ round: MaskRound, tokenKey: [UInt8], returning: [String], audit: AuditEvent) async throws
    func round(id: String) async throws -> MaskRound?
    /// The key entries' tokens are made with (never published).
    func roundTokenKey(id: String) async throws -> [UInt8]?
    /// Rounds whose area is within `area`, newest opening first; counted in the store.
    func rounds(within area: AreaPath, page: PageRequest) async throws -> ListPage<MaskRound>
    /// Rounds not drawn whose closing time has passed (for the draw loop).
    func roundsToDraw(at now: Date) async throws -> [MaskRound]
    /// Stores an entry; a second entry of the same person in the round is `StoreError.duplicate`.
    func enterRound(_ entry: RoundEntry, audit: AuditEvent) async throws
    /// A round's entries as published: token and pharmacy, by token.
    func roundEntries(round: String) async throws -> [(token: String, pharmacy: String)]
    func roundEntryCount(round: String) async throws -> Int
    /// Who entered under each of these tokens (for the winners' allocations), by token.
    func roundEntrants(round: String, tokens: [String]) async throws -> [String: String]
    /// The tokens that won a drawn round.
    func roundWinners(round: String) async throws -> [String]
    /// One person's entries, newest first.
    func entries(person: String) async throws -> [RoundEntry]
    /// Units of a product counted against a person's quota since `since`: allocations won (not
    /// returned) plus entries in rounds not drawn yet, each at its round's `perEntry`.
    func rationedUnits(person: String, product: String, since: Date) async throws -> Int
    /// Records a draw: the round as drawn (seed revealed), its winners marked, their allocations
    /// stored; false when it was drawn already.
    func drawRound(_ round: MaskRound, winners: [String], allocations: [PickupAllocation], audit: AuditEvent) async throws -> Bool
    func allocation(id: String) async throws -> PickupAllocation?
    /// One person's allocations, newest first.
    func allocations(person: String) async throws -> [PickupAllocation]
    /// Allocations of a product still awaiting collection whose code expired before `now`.
    func expiredAllocations(product: String, before now: Date) async throws -> [PickupAllocation]
    /// Records a collection at `pharmacy` and takes the units off its stock (not below zero), once.
    func collect(allocation id: String, pharmacy: String, by: String, at: Date, audit: AuditEvent) async throws -> CollectOutcome
    /// Puts people into a priority group (`medical`); returns how many were new to it.
    func addToPriorityGroup(_ people: [String], group: String, by: String, audit: AuditEvent) async throws -> Int
    func priorityGroups(person: String) async throws -> Set<String>

    // The donation ledger.

    func saveLedgerDraft(_ draft: LedgerDraft, audit: AuditEvent) async throws
    func ledgerDraft(id: String) async throws -> LedgerDraft?
    /// Drafts waiting for approval, oldest first; counted in the store.
    func pendingLedgerDrafts(page: PageRequest) async throws -> ListPage<LedgerDraft>
    /// Marks a pending draft rejected; false when it was no longer pending.
    func rejectLedgerDraft(_ draft: LedgerDraft, audit: AuditEvent) async throws -> Bool
    func ledgerEntry(seq: Int) async throws -> LedgerEntry?
    /// Approves a pending draft: under one writer at a time, reads the chain's tail, the entry a
    /// correction names (and the amount it stands at now) and the item's balance, lets `seal` make
    /// the entry (or refuse), then appends it, marks the draft approved and stores the shipment an
    /// allocation to an area starts, in one transaction. A draft no longer pending is refused
    /// with `LedgerRules.Refusal.notPending`.
    func approveLedgerDraft(id: String, audit: AuditEvent, seal: @escaping @Sendable (LedgerApproval) throws -> LedgerAppend) async throws -> LedgerEntry
    /// Entries oldest first from `seq` on, at most `limit`.
    func ledgerEntries(from seq: Int, limit: Int) async throws -> [LedgerEntry]
    func ledgerEntryCount() async throws -> Int
    /// Each item's received, allocated and balance, by item.
    func ledgerBalances() async throws -> [LedgerBalance]
    /// The chain's head at the end of each day that added entries, latest first.
    func ledgerHeads(limit: Int) async throws -> [LedgerHead]
    /// Totals per donor (`in`) or per recipient (`out`) and item, largest first; counted in the store.
    func ledgerTotals(_ direction: LedgerDirection, page: PageRequest) async throws -> ListPage<LedgerTotal>

    // Goods down the city.

    /// Sends goods from an area (checked: it holds enough) or, with no `fromArea`, records a
    /// shipment the ledger started. Refused with `SupplyShortfall` when the area holds too little.
    func sendShipment(_ shipment: SupplyShipment, fromPath: String?, audit: AuditEvent) async throws
    func shipment(id: String) async throws -> SupplyShipment?
    /// Confirms a shipment arrived; false when it was not on its way.
    func receiveShipment(id: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool
    /// Shipments to or from areas within `area`, those on their way first, newest first; counted in the store.
    func shipments(within area: AreaPath, page: PageRequest) async throws -> ListPage<SupplyShipment>
    /// What each area within `area` holds, by area and item.
    func areaStocks(within area: AreaPath) async throws -> [AreaStock]
}

/// Money or goods coming in (donations) or going out (allocations).
public enum LedgerDirection: String, Sendable, Codable {
    case `in`, out
}

/// One donor's or recipient's total of an item.
public struct LedgerTotal: Sendable, Equatable {
    public var name: String
    public var item: String
    public var amount: Int
    public var entries: Int
    public init(name: String, item: String, amount: Int, entries: Int) { (self.name, self.item, self.amount, self.entries) = (name, item, amount, entries) }
}

/// What recording a pickup did.
public enum CollectOutcome: Sendable, Equatable {
    case collected(PickupAllocation)
    case refused(PickupRefusal)
}

/// An area asked to send more than it holds.
public struct SupplyShortfall: Error, Equatable, Sendable, CustomStringConvertible {
    public var item: String
    public var asked: Int
    public var onHand: Int
    public init(item: String, asked: Int, onHand: Int) { (self.item, self.asked, self.onHand) = (item, asked, onHand) }
    public var description: String { "quantity: \(asked) of \(item) asked, \(onHand) held" }
}

/// What approving a ledger draft reads, for the service to seal the entry.
public struct LedgerApproval: Sendable {
    public var draft: LedgerDraft
    public var tail: LedgerEntry?
    public var corrected: LedgerEntry?
    /// The amount the corrected entry stands at now.
    public var current: Int?
    /// The item's balance before this line.
    public var balance: Int
    public init(draft: LedgerDraft, tail: LedgerEntry?, corrected: LedgerEntry?, current: Int?, balance: Int) {
        (self.draft, self.tail, self.corrected, self.current, self.balance) = (draft, tail, corrected, current, balance)
    }
}

/// What the store appends for an approved draft.
public struct LedgerAppend: Sendable {
    public var entry: LedgerEntry
    public var delta: Int
    public var direction: LedgerDirection
    /// Donations: the donor; allocations: the recipient (corrections: the corrected entry's).
    public var party: String
    public var shipment: SupplyShipment?
    /// The city's day it was recorded on (the chain's head is published per day).
    public var day: CalendarDate
    public init(entry: LedgerEntry, delta: Int, direction: LedgerDirection, party: String, shipment: SupplyShipment?, day: CalendarDate) {
        (self.entry, self.delta, self.direction, self.party, self.shipment, self.day) = (entry, delta, direction, party, shipment, day)
    }
}
