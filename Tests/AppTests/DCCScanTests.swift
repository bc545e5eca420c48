import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// An EU DCC (`HC1:`) shown at a checkpoint: judged against the imported signer certificates as
/// travel evidence, with no colour, and never recorded as presence (its holder is nobody here).
@Suite("EU DCC at the checkpoint")
struct DCCScanTests {
    @Test("POST /api/v1/scans judges an HC1 text by the imported signers and records nothing")
    func scanDCC() async throws {
        let city = try await TestCity.make(.sqlite, residents: 400)
        let store = city.services.store
        let operatorAccount = try city.account("checkpoint")
        let checkpoint = "CP-\(try #require(operatorAccount.jurisdiction))"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CredentialsTests/Vectors/dcc/DE/2DCode/raw/1.json")
        let vector = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let text = try #require(vector["PREFIX"] as? String)
        let certificate = try #require((vector["TESTCTX"] as? [String: Any])?["CERTIFICATE"] as? String)
        let before = try await store.presenceCount()
        try await city.test { client in
            let op = try await client.signIn(operatorAccount)
            func scan() async throws -> [String: Any] {
                let response = try await client.execute(
                    uri: "/api/v1/scans", method: .post, headers: [.contentType: "application/json", .cookie: op],
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["text": text, "place": checkpoint])))
                #expect(response.status == .ok)
                return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            }
            let unknown = try await scan()
            #expect(unknown["valid"] as? Bool == false)
            #expect(unknown["error"] as? String == "unknown-key")
            // The EU gateway's JSON trust list format.
            let list = try JSONSerialization.data(withJSONObject: [["kid": "DEsKFVEr6RQ=", "rawData": certificate]])
            #expect(try city.services.dccTrust.importCertificates(list).count == 1)
            let known = try await scan()
            // The signer is trusted now; the 2021 vector has expired since.
            #expect(known["error"] as? String == "expired")
            #expect(known["recorded"] as? Bool == false)
            let page = try await client.postForm("/checkpoint", ["text": text, "place": checkpoint], cookie: op, language: "en")
            #expect(page.text.contains("code-invalid"))
        }
        #expect(try await store.presenceCount() == before)
        try await city.close()
    }
}
