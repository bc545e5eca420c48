import Crypto
import Foundation

/// A winner's pickup code (口罩预约取货码): signed like a health code — CWT claims in a COSE_Sign1
/// (ES256), Base45 behind its own prefix `CDP1:` — naming the allocation, the pharmacy, the product
/// and the units. The pharmacy's scanner checks the signature offline; the server records the
/// pickup once, and only at that pharmacy.
public struct PickupCode: Sendable, Equatable {
    public static let prefix = "CDP1:"
    static let iss: CBOR = .unsigned(1), exp: CBOR = .unsigned(4), iat: CBOR = .unsigned(6), cti: CBOR = .unsigned(7)
    static let pharmacyClaim: CBOR = .negative(-70020), productClaim: CBOR = .negative(-70021), unitsClaim: CBOR = .negative(-70022)

    public var issuer: String
    public var keyID: [UInt8]
    /// The allocation's id (its bytes): what the server records as collected.
    public var allocation: String
    public var pharmacy: String
    public var product: String
    public var units: Int
    public var issuedAt: Date
    public var expiresAt: Date

    public init(issuer: String, keyID: [UInt8], allocation: String, pharmacy: String, product: String, units: Int, issuedAt: Date, expiresAt: Date) {
        (self.issuer, self.keyID, self.allocation, self.pharmacy, self.product, self.units) = (issuer, keyID, allocation, pharmacy, product, units)
        (self.issuedAt, self.expiresAt) = (issuedAt, expiresAt)
    }

    var claims: CBOR {
        .map([
            (Self.iss, .text(issuer)), (Self.iat, .int(Int64(issuedAt.timeIntervalSince1970))), (Self.exp, .int(Int64(expiresAt.timeIntervalSince1970))),
            (Self.cti, .bytes(Array(allocation.utf8))), (Self.pharmacyClaim, .text(pharmacy)), (Self.productClaim, .text(product)),
            (Self.unitsClaim, .int(Int64(units))),
        ])
    }

    /// The text to put in the QR code.
    public func signed(with key: P256.Signing.PrivateKey) throws -> String {
        Self.prefix + Base45.encode(try COSESign1.sign(payload: claims.encoded(), keyID: keyID, with: key).encoded())
    }

    init(claims: CBOR, keyID: [UInt8]) throws(CredentialError) {
        guard let issuer = claims[Self.iss]?.textValue, let iat = claims[Self.iat]?.int64, let exp = claims[Self.exp]?.int64,
            let id = claims[Self.cti]?.bytesValue, let pharmacy = claims[Self.pharmacyClaim]?.textValue, let product = claims[Self.productClaim]?.textValue,
            let units = claims[Self.unitsClaim]?.int64, units > 0, units < 1_000_000
        else { throw .badClaims("a required claim is missing") }
        self.init(
            issuer: issuer, keyID: keyID, allocation: String(decoding: id, as: UTF8.self), pharmacy: pharmacy, product: product, units: Int(units),
            issuedAt: Date(timeIntervalSince1970: Double(iat)), expiresAt: Date(timeIntervalSince1970: Double(exp)))
    }
}

extension CredentialVerifier {
    /// Verifies a pickup code's text offline: the same checks as a health code's.
    public func verifyPickup(_ text: String, at now: Date) throws(CredentialError) -> PickupCode {
        guard text.hasPrefix(PickupCode.prefix) else { throw .badPrefix }
        let (claims, kid) = try signedClaims(text.dropFirst(PickupCode.prefix.count))
        let code = try PickupCode(claims: claims, keyID: kid)
        try checkTimes(issuedAt: code.issuedAt, expiresAt: code.expiresAt, id: Array(code.allocation.utf8), at: now)
        return code
    }
}
