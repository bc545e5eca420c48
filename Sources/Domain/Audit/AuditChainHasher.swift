/// Computes the hash of an audit entry. The store calls it inside the transaction that appends,
/// so the chain stays linear even with several writers.
public protocol AuditChainHasher: Sendable {
    /// The hash a new entry gets.
    func hash(sequence: Int64, event: AuditEvent, previousHash: String) -> String
    /// The hash an entry written before keyed hashing would carry, or nil when there is no such
    /// older format. Verification accepts it only for the entries that precede the first keyed one.
    func legacyHash(sequence: Int64, event: AuditEvent, previousHash: String) -> String?
    /// A keyed signature of a chain head, so a head kept outside the database cannot be forged by
    /// someone who can only write to it.
    func signature(of anchor: AuditAnchor) -> String
    /// How many entries at the start may be unkeyed (recorded outside the database when the store
    /// was upgraded; 0 for a store created keyed), or nil when unknown: then any unkeyed prefix passes.
    var unkeyedLimit: Int64? { get }
}

extension AuditChainHasher {
    public func legacyHash(sequence: Int64, event: AuditEvent, previousHash: String) -> String? { nil }
    public var unkeyedLimit: Int64? { 0 }
}

/// The result of walking the chain.
public enum AuditVerification: Sendable, Equatable {
    /// Every entry holds; `unkeyed` entries at the start were hashed before the chain was keyed.
    case intact(entries: Int64, unkeyed: Int64 = 0)
    case broken(sequence: Int64, reason: String)
}
