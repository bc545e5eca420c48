import Foundation

/// A signed head of the audit chain (`cordon audit anchor`), kept outside the database: on paper, in
/// another system, in the command centre's log book. Whoever can write to the database can rebuild
/// an unkeyed chain or cut entries off; they cannot make the entry at `sequence` carry `hash` again,
/// nor sign a new head without the key.
public struct AuditAnchor: Codable, Sendable, Equatable {
    public var sequence: Int64
    public var hash: String
    public var at: Date
    /// Hex HMAC-SHA256 of `signedBytes` under the store's audit key.
    public var signature: String

    public init(sequence: Int64, hash: String, at: Date, signature: String = "") {
        self.sequence = sequence
        self.hash = hash
        self.at = at
        self.signature = signature
    }

    /// What the signature covers, length-prefixed like the chain's entries.
    public var signedBytes: [UInt8] {
        AuditEntry.lengthPrefixed(["cordon-audit-anchor-v1", String(sequence), hash, String(at.milliseconds)])
    }

    /// What `verify --anchor` found.
    public enum Check: Sendable, Equatable {
        case holds
        /// The signature was not made with this store's key (or the file was edited).
        case forged
        /// The log ends before the anchored entry: entries were removed.
        case truncated(lastSequence: Int64)
        /// The anchored entry no longer carries the anchored hash: it or an entry before it was rewritten.
        case rewritten
    }
}

extension Date {
    /// Whole milliseconds since 1970, as the chain and its anchors record times.
    public var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}
