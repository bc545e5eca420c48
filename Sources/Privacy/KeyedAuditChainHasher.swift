import Crypto
import Domain
import Foundation

/// The audit chain's hash: hex HMAC-SHA256 of the entry's length-prefixed fields under the audit
/// key. The key is derived from the personal-data key (`DATA_DIR/keys/personal-data.key` or
/// `CORDON_PERSONAL_DATA_KEY`), never stored in the database, so write access to the database is not
/// enough to recompute a rewritten chain.
public struct KeyedAuditChainHasher: AuditChainHasher {
    let chainKey: SymmetricKey
    let anchorKey: SymmetricKey
    public let unkeyedLimit: Int64?

    public init(keyMaterial: KeyMaterial) {
        self.unkeyedLimit = keyMaterial.legacyAuditEntries
        let root = SymmetricKey(data: keyMaterial.index)
        self.chainKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("cordon audit chain".utf8), using: root))
        self.anchorKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("cordon audit anchor".utf8), using: root))
    }

    public func hash(sequence: Int64, event: AuditEvent, previousHash: String) -> String {
        let bytes = AuditEntry.canonicalBytes(sequence: sequence, event: event, previousHash: previousHash)
        return Hex.encode(Array(HMAC<SHA256>.authenticationCode(for: bytes, using: chainKey)))
    }

    /// Entries written before the chain was keyed: plain SHA-256 of the first format.
    public func legacyHash(sequence: Int64, event: AuditEvent, previousHash: String) -> String? {
        Hex.encode(Array(SHA256.hash(data: AuditEntry.legacyCanonicalBytes(sequence: sequence, event: event, previousHash: previousHash))))
    }

    public func signature(of anchor: AuditAnchor) -> String {
        Hex.encode(Array(HMAC<SHA256>.authenticationCode(for: anchor.signedBytes, using: anchorKey)))
    }
}
