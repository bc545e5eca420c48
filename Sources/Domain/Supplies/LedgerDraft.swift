import Foundation

/// A ledger line entered by one person of the ledger office and waiting for a second to approve
/// it (two-person rule); only approval appends it to the chain.
public struct LedgerDraft: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable {
        case pending, approved, rejected
    }

    public var id: String
    public var kind: LedgerEntry.Kind
    public var date: CalendarDate
    public var item: String
    public var amount: Int
    public var unit: String?
    public var donor: String?
    public var recipient: String?
    public var recipientArea: String?
    public var purpose: String?
    public var corrects: Int?
    public var note: String?
    public var enteredBy: String
    public var enteredByName: String
    public var enteredAt: Date
    public var state: State = .pending
    public var decidedBy: String?
    public var decidedAt: Date?
    /// The sequence number it got on approval.
    public var seq: Int?
    public var reason: String?

    public init(id: String, kind: LedgerEntry.Kind, date: CalendarDate, item: String, amount: Int, enteredBy: String, enteredByName: String, enteredAt: Date) {
        (self.id, self.kind, self.date, self.item, self.amount) = (id, kind, date, item, amount)
        (self.enteredBy, self.enteredByName, self.enteredAt) = (enteredBy, enteredByName, enteredAt)
    }

    /// The entry it becomes, once approved as `seq` after `prev` (the hash is the chain's to set).
    public func entry(seq: Int, prev: String, approvedBy: String, at: Date) -> LedgerEntry {
        var e = LedgerEntry(
            seq: seq, kind: kind, date: date, item: item, amount: amount, enteredBy: enteredByName, approvedBy: approvedBy,
            recordedAt: Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down)), prev: prev)
        (e.unit, e.donor, e.recipient, e.recipientArea, e.purpose, e.corrects, e.note) = (unit, donor, recipient, recipientArea, purpose, corrects, note)
        return e
    }
}

/// A ledger line as typed, before it is a draft: each problem names its field.
public struct LedgerForm: Sendable, Equatable {
    public var kind: String
    public var date: String
    public var item: String
    /// Cash in yuan with at most two decimals (`1234.56`); goods in whole units.
    public var amount: String
    public var unit: String
    public var donor: String
    public var recipient: String
    public var recipientArea: String
    public var purpose: String
    public var corrects: String
    public var note: String

    public init(
        kind: String = "donation", date: String = "", item: String = "", amount: String = "", unit: String = "", donor: String = "", recipient: String = "",
        recipientArea: String = "", purpose: String = "", corrects: String = "", note: String = ""
    ) {
        (self.kind, self.date, self.item, self.amount, self.unit, self.donor) = (kind, date, item, amount, unit, donor)
        (self.recipient, self.recipientArea, self.purpose, self.corrects, self.note) = (recipient, recipientArea, purpose, corrects, note)
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case kind(String)
        case date(String)
        case item
        case amount(String)
        case donor
        case recipient
        case corrects(String)

        public var field: String {
            switch self {
            case .kind: "kind"
            case .date: "date"
            case .item: "item"
            case .amount: "amount"
            case .donor: "donor"
            case .recipient: "recipient"
            case .corrects: "corrects"
            }
        }

        public var description: String {
            switch self {
            case .kind(let k): "kind: \(k) is not donation, allocation or correction"
            case .date(let d): "date: \(d) is not a date (YYYY-MM-DD)"
            case .item: "item: say what was given (cash, or the goods' name)"
            case .amount(let a): "amount: \(a) is not a positive amount (cash: yuan with at most two decimals; goods: whole units)"
            case .donor: "donor: give the donor's name, or anonymous"
            case .recipient: "recipient: say who received it"
            case .corrects(let c): "corrects: \(c) is not the number of an earlier entry"
            }
        }
    }

    /// Every problem of a form, for the page to show at once.
    public struct Problems: Error, Equatable, Sendable {
        public var all: [Problem]
        public init(all: [Problem]) { self.all = all }
    }

    /// The draft, or every problem (the page shows them all at once).
    public func draft(id: String, enteredBy: String, enteredByName: String, at: Date) -> Result<LedgerDraft, Problems> {
        var problems: [Problem] = []
        let kind = LedgerEntry.Kind(rawValue: kind.trimmed)
        if kind == nil { problems.append(.kind(self.kind)) }
        let date = CalendarDate(iso: date.trimmed)
        if date == nil { problems.append(.date(self.date)) }
        let item = item.trimmed
        if item.isEmpty || item.count > 80 { problems.append(.item) }
        let amount = item == LedgerEntry.cash ? Self.cents(self.amount) : Int(self.amount.trimmed).flatMap { $0 > 0 ? $0 : nil }
        // A correction may set an amount to zero (the entry was a mistake altogether).
        let parsed = amount ?? (kind == .correction && self.amount.trimmed.allSatisfy { $0 == "0" || $0 == "." } && !self.amount.trimmed.isEmpty ? 0 : nil)
        if parsed == nil { problems.append(.amount(self.amount)) }
        if kind == .donation && donor.trimmed.isEmpty { problems.append(.donor) }
        if kind == .allocation && recipient.trimmed.isEmpty && recipientArea.trimmed.isEmpty { problems.append(.recipient) }
        let corrects = Int(self.corrects.trimmed)
        if kind == .correction && (corrects ?? 0) < 1 { problems.append(.corrects(self.corrects)) }
        guard problems.isEmpty, let kind, let date, let parsed else { return .failure(Problems(all: problems)) }
        var d = LedgerDraft(id: id, kind: kind, date: date, item: item, amount: parsed, enteredBy: enteredBy, enteredByName: enteredByName, enteredAt: at)
        d.unit = item == LedgerEntry.cash ? nil : unit.trimmed.nonEmpty
        d.donor = kind == .donation ? donor.trimmed : donor.trimmed.nonEmpty
        d.recipient = recipient.trimmed.nonEmpty
        d.recipientArea = recipientArea.trimmed.nonEmpty
        d.purpose = purpose.trimmed.nonEmpty
        d.corrects = kind == .correction ? corrects : nil
        d.note = note.trimmed.nonEmpty
        return .success(d)
    }

    /// `1234.5` → 123450 cents; nil for anything not a positive amount with at most two decimals.
    public static func cents(_ text: String) -> Int? {
        let parts = text.trimmed.replacingOccurrences(of: ",", with: "").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let yuan = Int(parts[0]), yuan >= 0, yuan < 1_000_000_000_000 else { return nil }
        var cents = yuan * 100
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...2).contains(frac.count), frac.allSatisfy(\.isASCII), let f = Int(frac) else { return nil }
            cents += frac.count == 1 ? f * 10 : f
        }
        return cents > 0 ? cents : nil
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nonEmpty: String? { isEmpty ? nil : self }
}
