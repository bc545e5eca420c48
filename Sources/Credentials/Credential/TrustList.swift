import Crypto
import Foundation

/// The public keys a verifier accepts, by key id, and the ids of revoked (paper) credentials.
public struct TrustList: Sendable {
    public var keys: [[UInt8]: P256.Signing.PublicKey]
    public var revoked: Set<[UInt8]>
    /// Keys of `keys` whose private half this process holds (the server's own signing keys): their
    /// codes are verified with it, in about half the time (`IssuerKeyVerifier`). Never exported.
    public var issuerKeys: [[UInt8]: IssuerKeyVerifier]

    public init(keys: [[UInt8]: P256.Signing.PublicKey] = [:], revoked: Set<[UInt8]> = [], issuerKeys: [[UInt8]: IssuerKeyVerifier] = [:]) {
        self.keys = keys
        self.revoked = revoked
        self.issuerKeys = issuerKeys
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
        let (claims, kid) = try signedClaims(text.dropFirst(HealthCredential.prefix.count))
        let credential = try HealthCredential(claims: claims, keyID: kid)
        try checkTimes(issuedAt: credential.issuedAt, expiresAt: credential.expiresAt, id: credential.id, at: now)
        return credential
    }

    /// The claims of a signed text (after its prefix) whose signature a trusted key verifies.
    func signedClaims(_ base45: Substring) throws(CredentialError) -> (CBOR, [UInt8]) {
        guard let bytes = Base45.decode(base45) else { throw .badBase45 }
        let message = try COSESign1(decoding: bytes)
        guard message.algorithm == COSESign1.es256 else { throw .unsupportedAlgorithm(message.algorithm) }
        guard let kid = message.keyID, let key = trustList.keys[kid] else { throw .unknownKey }
        let valid = trustList.issuerKeys[kid].map { message.verifyES256($0) } ?? message.verifyES256(key)
        guard valid else { throw .badSignature }
        do { return (try CBOR.decode(message.payload), kid) } catch { throw .badCBOR("claims: \(error)") }
    }

    /// Lifetime, validity now (within the clock skew) and revocation.
    func checkTimes(issuedAt: Date, expiresAt: Date, id: [UInt8], at now: Date) throws(CredentialError) {
        guard expiresAt.timeIntervalSince(issuedAt) <= maximumLifetime else { throw .lifetimeTooLong }
        guard now.timeIntervalSince(issuedAt) >= -clockSkew else { throw .notYetValid }
        guard expiresAt.timeIntervalSince(now) >= -clockSkew else { throw .expired }
        guard !trustList.revoked.contains(id) else { throw .revoked }
    }
}
