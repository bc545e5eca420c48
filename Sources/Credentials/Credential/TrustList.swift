import Crypto
import Foundation

/// The public keys a verifier accepts, by key id, and the ids of revoked (paper) credentials.
public struct TrustList: Sendable {
    public var keys: [[UInt8]: P256.Signing.PublicKey]
    public var revoked: Set<[UInt8]>

    public init(keys: [[UInt8]: P256.Signing.PublicKey] = [:], revoked: Set<[UInt8]> = []) {
        self.keys = keys
        self.revoked = revoked
    }

    /// A key's id: the first 8 bytes of the SHA-256 of its uncompressed point (as DCC does with certificates).
    public static func keyID(_ key: P256.Signing.PublicKey) -> [UInt8] {
        Array(SHA256.hash(data: key.x963Representation).prefix(8))
    }
}

/// Verifies credential text offline against a trust list.
public struct CredentialVerifier: Sendable {
    public var trustList: TrustList
    /// Clocks of scanners and phones drift: this much either way is tolerated.
    public var clockSkew: TimeInterval
    /// No credential may claim to live longer (a phone code lives minutes; paper codes days).
    public var maximumLifetime: TimeInterval

    public init(trustList: TrustList, clockSkew: TimeInterval = 60, maximumLifetime: TimeInterval = 30 * 86_400) {
        self.trustList = trustList
        self.clockSkew = clockSkew
        self.maximumLifetime = maximumLifetime
    }

    public func verify(_ text: String, at now: Date) throws(CredentialError) -> HealthCredential {
        guard text.hasPrefix(HealthCredential.prefix) else { throw .badPrefix }
        guard let bytes = Base45.decode(text.dropFirst(HealthCredential.prefix.count)) else { throw .badBase45 }
        let message = try COSESign1(decoding: bytes)
        guard message.algorithm == COSESign1.es256 else { throw .unsupportedAlgorithm(message.algorithm) }
        guard let kid = message.keyID, let key = trustList.keys[kid] else { throw .unknownKey }
        guard message.verifyES256(key) else { throw .badSignature }
        let claims: CBOR
        do { claims = try CBOR.decode(message.payload) } catch { throw .badCBOR("claims: \(error)") }
        let credential = try HealthCredential(claims: claims, keyID: kid)
        guard credential.expiresAt.timeIntervalSince(credential.issuedAt) <= maximumLifetime else { throw .lifetimeTooLong }
        guard now.timeIntervalSince(credential.issuedAt) >= -clockSkew else { throw .notYetValid }
        guard credential.expiresAt.timeIntervalSince(now) >= -clockSkew else { throw .expired }
        guard !trustList.revoked.contains(credential.id) else { throw .revoked }
        return credential
    }
}
