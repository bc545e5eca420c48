import Crypto
import Foundation

/// A certificate issued to an enterprise (复工证明: approved to return to work; 不可抗力证明:
/// force majeure), signed by the same keys and in the same form as a health code — CWT claims in a
/// COSE_Sign1 (ES256), Base45 behind its own prefix `CDE1:` — so any verifier holding the trust
/// list checks it offline, and its id can be revoked like a paper code's.
public struct EnterpriseCertificate: Sendable, Equatable {
    public static let prefix = "CDE1:"
    static let iss: CBOR = .unsigned(1), exp: CBOR = .unsigned(4), iat: CBOR = .unsigned(6), cti: CBOR = .unsigned(7)
    static let kindClaim: CBOR = .negative(-70010), nameClaim: CBOR = .negative(-70011), codeClaim: CBOR = .negative(-70012)
    static let detailClaim: CBOR = .negative(-70013)

    /// What a certificate states.
    public static let kinds = ["return-to-work", "force-majeure"]

    public var issuer: String
    public var keyID: [UInt8]
    /// `return-to-work` or `force-majeure`.
    public var kind: String
    /// The enterprise's name and unified social credit code, as registered (public on its licence).
    public var enterpriseName: String
    public var creditCode: String
    /// What the certificate covers (the contract reference of a force-majeure certificate).
    public var detail: String
    public var issuedAt: Date
    public var expiresAt: Date
    public var id: [UInt8]

    public init(
        issuer: String, keyID: [UInt8], kind: String, enterpriseName: String, creditCode: String, detail: String, issuedAt: Date, expiresAt: Date, id: [UInt8]
    ) {
        (self.issuer, self.keyID, self.kind, self.enterpriseName, self.creditCode, self.detail) = (issuer, keyID, kind, enterpriseName, creditCode, detail)
        (self.issuedAt, self.expiresAt, self.id) = (issuedAt, expiresAt, id)
    }

    var claims: CBOR {
        .map([
            (Self.iss, .text(issuer)), (Self.iat, .int(Int64(issuedAt.timeIntervalSince1970))), (Self.exp, .int(Int64(expiresAt.timeIntervalSince1970))),
            (Self.cti, .bytes(id)), (Self.kindClaim, .text(kind)), (Self.nameClaim, .text(enterpriseName)), (Self.codeClaim, .text(creditCode)),
            (Self.detailClaim, .text(detail)),
        ])
    }

    /// The text to put in the QR code.
    public func signed(with key: P256.Signing.PrivateKey) throws -> String {
        Self.prefix + Base45.encode(try COSESign1.sign(payload: claims.encoded(), keyID: keyID, with: key).encoded())
    }

    init(claims: CBOR, keyID: [UInt8]) throws(CredentialError) {
        guard let issuer = claims[Self.iss]?.textValue, let iat = claims[Self.iat]?.int64, let exp = claims[Self.exp]?.int64,
            let id = claims[Self.cti]?.bytesValue, let kind = claims[Self.kindClaim]?.textValue, let name = claims[Self.nameClaim]?.textValue,
            let code = claims[Self.codeClaim]?.textValue
        else { throw .badClaims("a required claim is missing") }
        guard Self.kinds.contains(kind) else { throw .badClaims("unknown certificate kind \(kind)") }
        self.init(
            issuer: issuer, keyID: keyID, kind: kind, enterpriseName: name, creditCode: code, detail: claims[Self.detailClaim]?.textValue ?? "",
            issuedAt: Date(timeIntervalSince1970: Double(iat)), expiresAt: Date(timeIntervalSince1970: Double(exp)), id: id)
    }
}

extension CredentialVerifier {
    /// Verifies a certificate's text offline: the same checks as a health code's.
    public func verifyCertificate(_ text: String, at now: Date) throws(CredentialError) -> EnterpriseCertificate {
        guard text.hasPrefix(EnterpriseCertificate.prefix) else { throw .badPrefix }
        let (claims, kid) = try signedClaims(text.dropFirst(EnterpriseCertificate.prefix.count))
        let certificate = try EnterpriseCertificate(claims: claims, keyID: kid)
        try checkTimes(issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt, id: certificate.id, at: now)
        return certificate
    }
}
