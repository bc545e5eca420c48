import Crypto
import Foundation

/// Verifies ES256 signatures of a key whose private half this process holds: the server checking
/// the codes it issued itself, at every checkpoint scan.
///
/// An ECDSA verification computes R = u₁·G + u₂·Q with u₁ = e/s and u₂ = r/s, two point
/// multiplications, the one by the public key Q without a precomputed table. Knowing d with Q = d·G,
/// R = (u₁ + u₂·d)·G = k·G with k = (e + r·d)/s: one multiplication of the generator, which
/// BoringSSL does from its fixed tables in constant time as it derives a public key. The signature
/// holds exactly when x(R) mod n = r, the same test as the verification's (for a genuine signature
/// k is the nonce it was made with). A whole code verifies 2.0–2.2 times as fast (`cordon bench verify`).
///
/// k is as secret as d (d = (k·s − e)/r), so everything between d and BoringSSL runs in constant
/// time (`P256Scalar.times`/`plus`); only s, r and e, which the scanned code carries, are handled with
/// branches. Offline scanners and other regions keep verifying with the public key.
public struct IssuerKeyVerifier: Sendable {
    /// d·R² mod n: one Montgomery multiplication by r gives r·d in Montgomery form.
    private let scaledKey: P256Scalar
    public let publicKey: P256.Signing.PublicKey

    public init(_ key: P256.Signing.PrivateKey) {
        // A private key's raw form is its 32-byte big-endian scalar, already in 1..<n.
        let d = P256Scalar(bigEndian: key.rawRepresentation) ?? .zero
        scaledKey = d.times(P256Scalar.rSquared).times(P256Scalar.rSquared)
        publicKey = key.publicKey
    }

    /// True when `signature` (raw r‖s) is a valid signature of `message` by this key, with the
    /// same answer as `publicKey.isValidSignature`.
    public func isValidSignature(_ signature: some Collection<UInt8>, for message: some DataProtocol) -> Bool {
        guard signature.count == 64, let r = P256Scalar(bigEndian: signature.prefix(32)), let s = P256Scalar(bigEndian: signature.suffix(32)),
            !r.isZero, r.isReduced, !s.isZero, s.isReduced
        else { return false }
        // e: the SHA-256 digest as an integer, reduced mod n (it is below 2²⁵⁶ < 2n).
        guard let digest = P256Scalar(bigEndian: Array(SHA256.hash(data: message))) else { return false }
        let e = digest.plus(P256Scalar.zero)
        // k = (e + r·d)/s. In Montgomery form: r·(d·R²)·R⁻¹ = r·d·R, e·R²·R⁻¹ = e·R; then ·s⁻¹·R⁻¹.
        let sum = r.times(scaledKey).plus(e.times(P256Scalar.rSquared))
        let w = s.inverse()
        // s·w·R⁻¹·R²·R⁻¹ = 1: the inverse checked before it is used, for two multiplications.
        guard s.times(w).times(P256Scalar.rSquared) == P256Scalar.one else { return fallback(signature, message) }
        let k = w.times(sum)
        guard !k.isZero else { return false }  // R at infinity: no signature
        // BoringSSL refuses only a scalar of 0 or from n up, which k is not; should it fail anyway,
        // the public key answers rather than a refusal nobody could explain.
        guard let point = try? P256.Signing.PrivateKey(rawRepresentation: k.bigEndianBytes).publicKey.rawRepresentation,
            let x = P256Scalar(bigEndian: point.prefix(32))
        else { return fallback(signature, message) }
        // x is below p < 2n: reduced once, it is x mod n.
        return x.plus(P256Scalar.zero) == r
    }

    private func fallback(_ signature: some Collection<UInt8>, _ message: some DataProtocol) -> Bool {
        guard let sig = try? P256.Signing.ECDSASignature(rawRepresentation: Array(signature)) else { return false }
        return publicKey.isValidSignature(sig, for: message)
    }
}
