import Foundation

/// One line of the public donation ledger (红十字会捐赠使用明细, "精确到分"): money or goods in, goods
/// or money out, or a correction of an earlier line. Lines are only ever appended, each carrying
/// the hash of the one before (DESIGN §5, "Donation ledger"), so an edited line shows.
public struct LedgerEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case donation, allocation, correction
    }

    /// The item that is money; its amounts are cents (`amountCents`), every other item's are units (`quantity`).
    public static let cash = "cash"
    /// What the first entry's `prev` holds.
    public static let genesis = String(repeating: "0", count: 64)

    public var seq: Int
    public var kind: Kind
    /// The day the money or goods moved (`YYYY-MM-DD`).
    public var date: CalendarDate
    public var item: String
    public var amountCents: Int?
    public var quantity: Int?
    /// Goods only: what one unit is (pieces, boxes).
    public var unit: String?
    /// Donations: the donor's name as they wish it shown, or `anonymous`.
    public var donor: String?
    /// Allocations: who received it (a hospital, a community, a pharmacy).
    public var recipient: String?
    /// Allocations to an area of the city: its id (the goods then travel down as shipments).
    public var recipientArea: String?
    public var purpose: String?
    /// Corrections: the `seq` of the entry whose amount (and any other field given) this replaces.
    public var corrects: Int?
    public var note: String?
    /// Who entered it and who approved it (two different people), by their display names.
    public var enteredBy: String
    public var approvedBy: String
    public var recordedAt: Date
    public var prev: String
    public var hash: String

    public init(
        seq: Int, kind: Kind, date: CalendarDate, item: String, amount: Int, enteredBy: String, approvedBy: String, recordedAt: Date, prev: String = "",
        hash: String = ""
    ) {
        (self.seq, self.kind, self.date, self.item, self.enteredBy, self.approvedBy) = (seq, kind, date, item, enteredBy, approvedBy)
        (self.recordedAt, self.prev, self.hash) = (recordedAt, prev, hash)
        self.amount = amount
    }

    /// Cents for cash, units for goods.
    public var amount: Int {
        get { amountCents ?? quantity ?? 0 }
        set {
            if item == Self.cash { (amountCents, quantity) = (newValue, nil) } else { (amountCents, quantity) = (nil, newValue) }
        }
    }

    /// The entry as published and hashed: every field it has, `hash` left out.
    public var canonicalFields: CanonicalJSON {
        var f: [String: CanonicalJSON] = [
            "seq": .integer(Int64(seq)), "kind": .string(kind.rawValue), "date": .string(date.description), "item": .string(item),
            "enteredBy": .string(enteredBy), "approvedBy": .string(approvedBy), "recordedAt": .string(Timestamp.format(recordedAt)), "prev": .string(prev),
        ]
        if let amountCents { f["amountCents"] = .integer(Int64(amountCents)) }
        if let quantity { f["quantity"] = .integer(Int64(quantity)) }
        for (key, value) in [
            ("unit", unit), ("donor", donor), ("recipient", recipient), ("recipientArea", recipientArea), ("purpose", purpose), ("note", note),
        ] {
            if let value { f[key] = .string(value) }
        }
        if let corrects { f["corrects"] = .integer(Int64(corrects)) }
        return .object(f)
    }

    /// The published object: the canonical fields and the hash.
    public var published: CanonicalJSON {
        guard case .object(var f) = canonicalFields else { return canonicalFields }
        f["hash"] = .string(hash)
        return .object(f)
    }
}

/// What the ledger holds of one item: in, out, and what is left (never below zero).
public struct LedgerBalance: Sendable, Equatable {
    public var item: String
    public var received: Int
    public var allocated: Int
    public var balance: Int { received - allocated }
    public init(item: String, received: Int, allocated: Int) { (self.item, self.received, self.allocated) = (item, received, allocated) }
}

/// The chain's head at the end of a day: anyone who noted it can later check nothing before it changed.
public struct LedgerHead: Sendable, Equatable {
    public var day: CalendarDate
    public var seq: Int
    public var hash: String
    public init(day: CalendarDate, seq: Int, hash: String) { (self.day, self.seq, self.hash) = (day, seq, hash) }
}
