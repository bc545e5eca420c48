/// What approving a ledger line does to its item's balance, and when it is refused: the second
/// person must not be the first, a correction names an original entry of the same item, and no
/// item's balance (received − allocated) may go below zero.
public enum LedgerRules {
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case notPending
        /// The two-person rule: whoever entered a line cannot approve it.
        case samePerson
        case unknownEntry(Int)
        /// Corrections name the original entry, not another correction.
        case correctsCorrection(Int)
        case otherItem(expected: String, given: String)
        /// Approving would leave `item` at `balance` (below zero).
        case negativeBalance(item: String, balance: Int)

        public var description: String {
            switch self {
            case .notPending: "this line was already decided"
            case .samePerson: "a line must be approved by someone other than who entered it"
            case .unknownEntry(let seq): "corrects: there is no entry \(seq)"
            case .correctsCorrection(let seq): "corrects: entry \(seq) is itself a correction; name the entry it corrects"
            case .otherItem(let e, let g): "item: entry corrected is of \(e), not \(g)"
            case .negativeBalance(let item, let b): "\(item) would stand at \(b): more would go out than came in"
            }
        }

        public var field: String {
            switch self {
            case .unknownEntry, .correctsCorrection: "corrects"
            case .otherItem: "item"
            case .negativeBalance: "amount"
            case .notPending, .samePerson: "approver"
            }
        }
    }

    /// The signed change to the item's balance and the direction the line counts in. `corrected`
    /// and `current` (the amount it stands at now) are given for a correction.
    public static func effect(of draft: LedgerDraft, corrected: LedgerEntry?, current: Int?) throws(Refusal) -> (delta: Int, direction: LedgerDirection) {
        switch draft.kind {
        case .donation: return (draft.amount, .in)
        case .allocation: return (-draft.amount, .out)
        case .correction:
            guard let seq = draft.corrects, let corrected else { throw .unknownEntry(draft.corrects ?? 0) }
            guard corrected.kind != .correction else { throw .correctsCorrection(seq) }
            guard corrected.item == draft.item else { throw .otherItem(expected: corrected.item, given: draft.item) }
            let change = draft.amount - (current ?? corrected.amount)
            return corrected.kind == .donation ? (change, .in) : (-change, .out)
        }
    }

    /// Refuses a change that leaves the item below zero.
    public static func check(balance: Int, delta: Int, item: String) throws(Refusal) {
        if balance + delta < 0 { throw .negativeBalance(item: item, balance: balance + delta) }
    }
}
