import ArgumentParser
import Credentials
import Crypto
import Foundation
import Synchronization

/// `cordon bench verify`: offline credential verifications per second on one core, against bare
/// P-256 signature verifications of the same bytes in the same run; and both again as the server
/// verifies the codes of its own keys, with the private key (`IssuerKeyVerifier`).
struct BenchVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Offline credential verifications per second on one core, against bare P-256 verifications (goal: ratio ≥ 0.8).")

    @Option(help: "Verifications to time for each.")
    var count = 20_000

    @Option(help: "Also time bare P-256 verifications on this many cores at once (the anchor of batched scans; 0: every core).")
    var cores: Int?

    func run() throws {
        let key = P256.Signing.PrivateKey()
        let kid = TrustList.keyID(key.publicKey)
        let now = Date()
        let text = try HealthCredential(
            issuer: "CN-330100", keyID: kid, colour: "green", subject: Array(repeating: 7, count: 16), issuedAt: now,
            expiresAt: now.addingTimeInterval(300), id: Array(repeating: 1, count: 16), kind: "phone"
        ).signed(with: key)
        let verifier = CredentialVerifier(trustList: TrustList(keys: [kid: key.publicKey]))
        let issuerKey = IssuerKeyVerifier(key)
        let serverVerifier = CredentialVerifier(trustList: TrustList(keys: [kid: key.publicKey], issuerKeys: [kid: issuerKey]))
        // The bare operation: the same signature over the same to-be-signed bytes.
        guard let bytes = Base45.decode(text.dropFirst(HealthCredential.prefix.count)) else { throw ValidationError("encoding failed") }
        let message = try COSESign1(decoding: bytes)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: message.signature)
        let tbs = message.toBeSigned

        let clock = ContinuousClock()
        var ok = 0
        let full = clock.measure {
            for _ in 0..<count where (try? verifier.verify(text, at: now)) != nil { ok += 1 }
        }
        var bareOK = 0
        let bare = clock.measure {
            for _ in 0..<count where key.publicKey.isValidSignature(signature, for: tbs) { bareOK += 1 }
        }
        var serverOK = 0
        let server = clock.measure {
            for _ in 0..<count where (try? serverVerifier.verify(text, at: now)) != nil { serverOK += 1 }
        }
        var issuerOK = 0
        let issuer = clock.measure {
            for _ in 0..<count where issuerKey.isValidSignature(message.signature, for: tbs) { issuerOK += 1 }
        }
        guard ok == count, bareOK == count, serverOK == count, issuerOK == count else { throw ValidationError("a verification failed") }
        let fullRate = Double(count) / seconds(full)
        let bareRate = Double(count) / seconds(bare)
        let serverRate = Double(count) / seconds(server)
        print("credential text: \(text.count) characters")
        print(String(format: "credential verify (prefix, Base45, COSE, ES256, claims): %8.0f /s on one core", fullRate))
        print(String(format: "bare P-256 verify (anchor)                            : %8.0f /s on one core", bareRate))
        print(String(format: "ratio                                                 : %.2f", fullRate / bareRate))
        print(String(format: "issuer-key credential verify (as the server, own keys): %8.0f /s on one core = %.2f x bare", serverRate, serverRate / bareRate))
        print(String(format: "issuer-key signature check alone (same signature)     : %8.0f /s on one core", Double(count) / seconds(issuer)))
        if let cores {
            let n = cores > 0 ? cores : ProcessInfo.processInfo.activeProcessorCount
            let each = max(1, count / n)
            let failed = Atomic<Int>(0)
            let all = clock.measure {
                DispatchQueue.concurrentPerform(iterations: n) { _ in
                    for _ in 0..<each where !key.publicKey.isValidSignature(signature, for: tbs) { failed.add(1, ordering: .relaxed) }
                }
            }
            guard failed.load(ordering: .relaxed) == 0 else { throw ValidationError("a verification failed") }
            print(String(format: "bare P-256 verify, all %d cores                        : %8.0f /s", n, Double(each * n) / seconds(all)))
        }
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
