import Crypto
import Foundation

/// Cordon's health code (DESIGN §5): CWT claims in a COSE_Sign1 signed with ES256, as Base45 text
/// behind the prefix `CDN1:`, rendered as a QR code. It names an opaque subject pseudonym, never
/// the identity number.
public struct HealthCredential: Sendable, Equatable {
    public static let prefix = "CDN1:"
    /// CWT claim keys (RFC 8392) and Cordon's private ones (negative, as private-use keys).
    static let iss: CBOR = .unsigned(1), exp: CBOR = .unsigned(4), iat: CBOR = .unsigned(6), cti: CBOR = .unsigned(7)
    static let colourClaim: CBOR = .negative(-70001), subjectClaim: CBOR = .negative(-70002), kindClaim: CBOR = .negative(-70003)

    public var issuer: String
    public var keyID: [UInt8]
    /// `red`, `yellow` or `green`.
    public var colour: String
    public var subject: [UInt8]
    public var issuedAt: Date
    public var expiresAt: Date
    /// A random id: what a revocation list names.
    public var id: [UInt8]
    /// `phone` (minutes) or `paper` (printed, longer, revocable).
    public var kind: String

    public init(issuer: String, keyID: [UInt8], colour: String, subject: [UInt8], issuedAt: Date, expiresAt: Date, id: [UInt8], kind: String) {
        self.issuer = issuer
        self.keyID = keyID
        self.colour = colour
        self.subject = subject
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.id = id
        self.kind = kind
    }

    var claims: CBOR {
        .map([
            (Self.iss, .text(issuer)), (Self.iat, .int(Int64(issuedAt.timeIntervalSince1970))), (Self.exp, .int(Int64(expiresAt.timeIntervalSince1970))),
            (Self.cti, .bytes(id)), (Self.colourClaim, .text(colour)), (Self.subjectClaim, .bytes(subject)), (Self.kindClaim, .text(kind)),
        ])
    }

    /// The text to put in the QR code.
    public func signed(with key: P256.Signing.PrivateKey) throws -> String {
        Self.prefix + Base45.encode(try COSESign1.sign(payload: claims.encoded(), keyID: keyID, with: key).encoded())
    }

    init(claims: CBOR, keyID: [UInt8]) throws(CredentialError) {
        guard let issuer = claims[Self.iss]?.textValue, let iat = claims[Self.iat]?.int64, let exp = claims[Self.exp]?.int64,
            let id = claims[Self.cti]?.bytesValue, let colour = claims[Self.colourClaim]?.textValue, let subject = claims[Self.subjectClaim]?.bytesValue
        else { throw .badClaims("a required claim is missing") }
        guard ["red", "yellow", "green"].contains(colour) else { throw .badClaims("unknown colour \(colour)") }
        self.init(
            issuer: issuer, keyID: keyID, colour: colour, subject: subject, issuedAt: Date(timeIntervalSince1970: Double(iat)),
            expiresAt: Date(timeIntervalSince1970: Double(exp)), id: id, kind: claims[Self.kindClaim]?.textValue ?? "phone")
    }
}
