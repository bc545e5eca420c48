import Foundation
import Testing

/// EU Digital COVID Certificates as travel evidence through the command line: a city imports the
/// signer certificates it trusts, then `cordon verify` checks an `HC1:` text offline (DESIGN §5).
@Suite("cordon verify: EU DCC travel evidence")
struct DCCTravelEvidenceTests {
    /// A public test vector of the EU DCC project (kept beside the credential tests).
    static func vector(_ path: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CredentialsTests/Vectors/dcc").appendingPathComponent(path)
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test("an HC1 certificate is refused until its signer is imported, then valid at its clock and expired now")
    func importThenVerify() throws {
        let dir = try CLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        let vector = try Self.vector("DE/2DCode/raw/1.json")
        let text = try #require(vector["PREFIX"] as? String)
        let context = try #require(vector["TESTCTX"] as? [String: Any])
        let certificate = try #require(context["CERTIFICATE"] as? String)
        let clock = try #require(context["VALIDATIONCLOCK"] as? String)

        let unknown = try CLITests.cordon(["verify", text, "--json", "--at", clock, "--data-dir", data])
        #expect(unknown.status == 1)
        #expect(try Self.json(unknown.output)["error"] as? String == "unknown-key")

        // A file that is no certificate is refused with why, and nothing is trusted.
        let junk = dir.appendingPathComponent("junk.json")
        try #"[{"kid":"x","rawData":"not base64!"}]"#.write(to: junk, atomically: true, encoding: .utf8)
        let refused = try CLITests.cordon(["keys", "import-dcc", junk.path, "--data-dir", data])
        #expect(refused.status != 0)
        #expect(refused.output.contains("certificate 1"))

        let pem = dir.appendingPathComponent("dsc.pem")
        try "-----BEGIN CERTIFICATE-----\n\(certificate)\n-----END CERTIFICATE-----\n".write(to: pem, atomically: true, encoding: .utf8)
        let imported = try CLITests.cordon(["keys", "import-dcc", pem.path, "--data-dir", data])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("trusted 1 EU DCC signer"))

        let valid = try CLITests.cordon(["verify", text, "--json", "--at", clock, "--data-dir", data])
        #expect(valid.status == 0, "\(valid.output)")
        let report = try Self.json(valid.output)
        #expect(report["valid"] as? Bool == true)
        #expect(report["kind"] as? String == "eu-dcc")
        #expect(report["colour"] is NSNull)
        #expect(report["travelEvidence"] as? [String] == ["vaccination"])
        #expect((report["name"] as? String)?.hasPrefix("M") == true)
        #expect(!valid.output.contains("Mustermann"))

        let now = try CLITests.cordon(["verify", text, "--json", "--data-dir", data])
        #expect(now.status == 1)
        #expect(try Self.json(now.output)["error"] as? String == "expired")

        // The import went to the audit log, whose chain still holds.
        let audit = try CLITests.cordon(["audit", "verify", "--data-dir", data])
        #expect(audit.status == 0)
    }

    static func json(_ output: String) throws -> [String: Any] {
        let start = try #require(output.firstIndex(of: "{"))
        let end = try #require(output.lastIndex(of: "}"))
        return try #require(try JSONSerialization.jsonObject(with: Data(output[start...end].utf8)) as? [String: Any])
    }
}
