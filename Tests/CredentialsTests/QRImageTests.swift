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
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cordon-qr-\(UUID().uuidString).pbm")
        try matrix.pbm().write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["-q", "--raw", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let decoded = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .newlines)
        #expect(decoded == text)
        let verifier = CredentialVerifier(trustList: TrustList(keys: [TrustList.keyID(key.publicKey): key.publicKey]))
        #expect(try verifier.verify(decoded, at: now).colour == "green")
    }
}
