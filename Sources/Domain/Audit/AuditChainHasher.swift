/// Computes the hash of an audit entry. The store calls it inside the transaction that appends,
/// so the chain stays linear even with several writers.
public protocol AuditChainHasher: Sendable {
    func hash(sequence: Int64, event: AuditEvent, previousHash: String) -> String
}

/// The result of walking the chain.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int64)
    case broken(sequence: Int64, reason: String)
}
