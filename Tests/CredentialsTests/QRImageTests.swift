import Crypto
import Foundation
import QRImage
import Testing
@testable import Credentials

@Suite("QR codes")
struct QRImageTests {
    @Test("a credential's QR image decoded by zbarimg gives back the credential text, which verifies")
    func zbarRoundTrip() throws {
        let key = P256.Signing.PrivateKey()
        let now = Date()
        let text = try CredentialFixture.issue(key: key, now: now)
        let matrix = try QRMatrix.encode(text)
        #expect(matrix.svg().hasPrefix("<svg"))
        let decoded = try #require(Zbar.read(Data(matrix.pbm().utf8), fileExtension: "pbm"))
        #expect(decoded == text)
        let verifier = CredentialVerifier(trustList: TrustList(keys: [TrustList.keyID(key.publicKey): key.publicKey]))
        #expect(try verifier.verify(decoded, at: now).colour == "green")
    }

    @Test("an enterprise's certificate read back by zbarimg verifies offline, names the enterprise, and stops verifying once revoked")
    func certificateRoundTrip() throws {
        let key = P256.Signing.PrivateKey()
        let now = Date()
        let kid = TrustList.keyID(key.publicKey)
        let id: [UInt8] = Array(repeating: 7, count: 16)
        let certificate = EnterpriseCertificate(
            issuer: "CN-330100", keyID: kid, kind: "return-to-work", enterpriseName: "杭州复工示范科技有限公司", creditCode: "91330100799655058B", detail: "RTW-1",
            issuedAt: now, expiresAt: now.addingTimeInterval(7 * 86_400), id: id)
        let text = try certificate.signed(with: key)
        #expect(text.hasPrefix("CDE1:"))
        let decoded = try #require(Zbar.read(Data(try QRMatrix.encode(text).pbm().utf8), fileExtension: "pbm"))
        let verifier = CredentialVerifier(trustList: TrustList(keys: [kid: key.publicKey]))
        let read = try verifier.verifyCertificate(decoded, at: now)
        #expect(read.enterpriseName == "杭州复工示范科技有限公司" && read.creditCode == "91330100799655058B" && read.kind == "return-to-work")
        #expect(throws: CredentialError.revoked) { try CredentialVerifier(trustList: TrustList(keys: [kid: key.publicKey], revoked: [id])).verifyCertificate(decoded, at: now) }
        // A health code's verifier does not take a certificate, nor the other way round.
        #expect(throws: CredentialError.badPrefix) { try verifier.verify(decoded, at: now) }
        #expect(throws: CredentialError.expired) { try verifier.verifyCertificate(decoded, at: now.addingTimeInterval(8 * 86_400)) }
        let other = P256.Signing.PrivateKey()
        #expect(throws: CredentialError.badSignature) {
            try CredentialVerifier(trustList: TrustList(keys: [kid: other.publicKey])).verifyCertificate(decoded, at: now)
        }
    }
}
