import Credentials
import Crypto
import Foundation
import Testing
import TestSupport
@testable import App

/// The server verifies the codes of its own signing keys with their private halves
/// (`IssuerKeyVerifier`), and any other trusted key with its public half: the same verdicts.
@Suite("The server's own keys")
struct IssuerKeyTests {
    static func code(signedBy key: P256.Signing.PrivateKey, at now: Date) throws -> String {
        try HealthCredential(
            issuer: "CN-330100", keyID: TrustList.keyID(key.publicKey), colour: "green", subject: Array(repeating: 7, count: 16), issuedAt: now,
            expiresAt: now.addingTimeInterval(300), id: Array(repeating: 1, count: 16), kind: "phone"
        ).signed(with: key)
    }

    @Test("the trust list carries the private halves found beside the published keys, only when they match, and verifies alike either way")
    func ownKeys() throws {
        let directory = try TestDirectory.make("issuer-keys")
        defer { try? FileManager.default.removeItem(at: directory) }
        let ring = SigningKeyRing(dataDirectory: directory)
        let now = Date()
        let entries = try ring.ensure(now: now)
        let list = try ring.trustList(now: now, longestLifetime: 86_400, revoked: [])
        #expect(list.keys.count == 2)
        #expect(Set(list.issuerKeys.keys) == Set(list.keys.keys))  // the active key and the next one

        // A key file that does not match its published key is not used; a missing one neither.
        let next = try #require(entries.first { $0.state == .next })
        try P256.Signing.PrivateKey().rawRepresentation.write(to: ring.file(for: next.kid))
        let mismatched = try ring.trustList(now: now, longestLifetime: 86_400, revoked: [])
        #expect(mismatched.keys.count == 2 && mismatched.issuerKeys.count == 1)
        try FileManager.default.removeItem(at: ring.file(for: next.kid))
        #expect(try ring.trustList(now: now, longestLifetime: 86_400, revoked: []).issuerKeys.count == 1)

        // The same verdicts with and without the private halves: a code, and the code altered.
        let (_, active) = try ring.activeKey(now: now)
        let text = try Self.code(signedBy: active, at: now)
        var altered = Array(text)
        altered[60] = altered[60] == "A" ? "B" : "A"
        let publicOnly = TrustList(keys: list.keys, revoked: [])
        for trustList in [list, publicOnly] {
            let verifier = CredentialVerifier(trustList: trustList)
            #expect(try verifier.verify(text, at: now).colour == "green")
            #expect(throws: CredentialError.self) { try verifier.verify(String(altered), at: now) }
        }
    }
}
