import Crypto
import Domain

/// The audit chain's hash: hex SHA-256 of the entry's canonical bytes (which include the previous hash).
public struct SHA256AuditChainHasher: AuditChainHasher {
    public init() {}

    public func hash(sequence: Int64, event: AuditEvent, previousHash: String) -> String {
        let digest = SHA256.hash(data: AuditEntry.canonicalBytes(sequence: sequence, event: event, previousHash: previousHash))
        return digest.map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }
}
