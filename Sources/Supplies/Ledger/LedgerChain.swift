import Crypto
import Domain

/// The donation ledger's hash chain (DESIGN §5): each entry's `hash` is lowercase hex SHA-256 of its
/// canonical JSON without `hash`, and its `prev` is the entry before's hash (64 zeros for the first).
public enum LedgerChain {
    public static func hash(_ entry: LedgerEntry) -> String {
        Hex.encode(SHA256.hash(data: Array(entry.canonicalFields.text.utf8)))
    }

    /// The entry sealed onto the chain after `prev`.
    public static func seal(_ entry: LedgerEntry, after prev: String) -> LedgerEntry {
        var e = entry
        e.prev = prev
        e.hash = hash(e)
        return e
    }

    /// Where a published chain breaks.
    public enum Break: Error, Equatable, Sendable, CustomStringConvertible {
        case sequence(expected: Int, found: Int)
        case link(seq: Int)
        case hash(seq: Int)

        public var description: String {
            switch self {
            case .sequence(let e, let f): "entry \(f) stands where entry \(e) should"
            case .link(let seq): "entry \(seq)'s prev is not the hash of the entry before it"
            case .hash(let seq): "entry \(seq) does not hash to its hash: it was changed after it was sealed"
            }
        }
    }

    /// Checks a whole chain, oldest first; nil when every entry holds.
    public static func verify(_ entries: [LedgerEntry]) -> Break? {
        var prev = LedgerEntry.genesis
        for (i, e) in entries.enumerated() {
            if e.seq != i + 1 { return .sequence(expected: i + 1, found: e.seq) }
            if e.prev != prev { return .link(seq: e.seq) }
            if hash(e) != e.hash { return .hash(seq: e.seq) }
            prev = e.hash
        }
        return nil
    }
}
