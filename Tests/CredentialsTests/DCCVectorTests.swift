import EUDCC
import Foundation
import Testing

/// The public EU DCC test vectors (`../shared/testdata/dcc`): every certificate checked at its
/// VALIDATIONCLOCK, and every EXPECTED flag of the verification chain asserted.
@Suite("EU DCC test vectors")
struct DCCVectorTests {
    /// A copy of `../shared/testdata/dcc` (Apache-2.0, with its LICENSE and NOTICE) kept beside this
    /// test, so a fresh clone tests the same vectors wherever it is checked out.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/dcc")
    }

    /// The flags of the verification chain and the step each asserts.
    static let chain: [(flag: String, step: @Sendable (DCCVerifier.Outcome) -> Bool?)] = [
        ("EXPECTEDUNPREFIX", { $0.unprefixed }), ("EXPECTEDB45DECODE", { $0.base45Decoded }), ("EXPECTEDCOMPRESSION", { $0.decompressed }),
        ("EXPECTEDDECODE", { $0.decoded }), ("EXPECTEDVERIFY", { $0.verified }), ("EXPECTEDEXPIRATIONCHECK", { $0.notExpired }),
        ("EXPECTEDVALIDOBJECT", { $0.decoded == true ? $0.certificate != nil : $0.decoded }),
    ]

    @Test("every vector's expected results on the verification chain hold")
    func vectors() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.root.path).filter { $0.hasSuffix(".json") && $0.contains("2DCode/raw") }.sorted()
        #expect(files.count > 100)
        var assertions = 0
        var vectorsPassed = 0
        var notCovered: [String: Int] = [:]
        for file in files {
            let data = try Data(contentsOf: Self.root.appendingPathComponent(file))
            guard let vector = try JSONSerialization.jsonObject(with: data) as? [String: Any], let expected = vector["EXPECTEDRESULTS"] as? [String: Bool]
            else { continue }
            let context = vector["TESTCTX"] as? [String: Any] ?? [:]
            var signers: [[UInt8]] = []
            if let b64 = context["CERTIFICATE"] as? String, let der = Data(base64Encoded: b64) { signers.append(Array(der)) }
            let clock = (context["VALIDATIONCLOCK"] as? String).flatMap { ISO8601DateFormatter.flexible($0) } ?? Date()
            let verifier: DCCVerifier
            do { verifier = try DCCVerifier(certificatesDER: signers) } catch {
                print("\(file): certificate does not parse: \(error)")
                verifier = DCCVerifier(signers: [:])
            }
            let outcome = verifier.check(vector["PREFIX"] as? String ?? "", at: clock)
            var ok = true
            for (flag, step) in Self.chain {
                guard let want = expected[flag] else { continue }
                let got = step(outcome)
                // A failure expected at this step may show up at an earlier one (the chain stops there).
                let holds = want ? got == true : got != true
                #expect(holds, "\(file): \(flag) expected \(want), got \(got.map(String.init) ?? "not reached") (\(outcome.error ?? "")) \(holds ? "" : verifier.diagnose(vector["PREFIX"] as? String ?? ""))")
                assertions += 1
                if !holds { ok = false }
            }
            for flag in expected.keys where !Self.chain.contains(where: { $0.flag == flag }) { notCovered[flag, default: 0] += 1 }
            if ok { vectorsPassed += 1 }
        }
        print("EU DCC vectors: \(vectorsPassed) of \(files.count) pass, \(assertions) flags asserted; not asserted: \(notCovered.sorted { $0.key < $1.key })")
        #expect(vectorsPassed == files.count)
    }
}

extension ISO8601DateFormatter {
    /// VALIDATIONCLOCK values come with and without fractional seconds.
    static func flexible(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
