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
}
