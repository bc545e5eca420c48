import App
import ArgumentParser
import Credentials
import Domain
import Foundation

/// `cordon verify TEXT [--json]`
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a health code or an enterprise's certificate offline against this data directory's trust list.",
        discussion: "--json prints {\"valid\", \"colour\", \"expiresAt\", \"error\"} (DESIGN §5), plus the kind and id. An EU Digital COVID Certificate (HC1:…) is checked as travel evidence against the signer certificates imported with `cordon keys import-dcc`: its colour is null, its kind \"eu-dcc\", and travelEvidence lists vaccination, test or recovery. Exit status 1 when the code is not valid.")

    @Argument(help: "The credential text (a health code CDN1:…, an enterprise certificate CDE1:…, or an EU DCC, HC1:…).") var text: String
    @Flag(help: "Print the DESIGN §5 JSON contract.") var json = false
    @Option(help: "Judge the code as of this time (RFC 3339), e.g. when it was scanned; default now.") var at: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var when: Date? = nil
        if let at {
            guard let seconds = Timestamp.parse(at) else { throw ValidationError("--at \(at): an RFC 3339 time is expected, e.g. 2026-11-25T14:30:00+08:00") }
            when = Date(timeIntervalSince1970: Double(seconds))
        }
        var out: [String: Any] = [:]
        var valid = false
        try await store.withServices { services in
            if text.hasPrefix("HC1:") {
                switch try services.dccTrust.check(text, at: when ?? services.clock.now()) {
                case .success(let evidence):
                    valid = true
                    out = ["valid": true, "colour": NSNull(), "expiresAt": evidence.expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? NSNull(), "error": NSNull(),
                           "kind": "eu-dcc", "travelEvidence": evidence.types, "name": evidence.maskedName ?? NSNull()]
                case .failure(let error):
                    out = ["valid": false, "colour": NSNull(), "expiresAt": NSNull(), "error": error.code, "message": error.description, "kind": "eu-dcc"]
                }
            } else if text.hasPrefix(EnterpriseCertificate.prefix) {
                // An enterprise's certificate (return to work, force majeure): it has no colour.
                do {
                    let c = try services.credentials.verifyCertificate(text, at: when)
                    valid = true
                    out = ["valid": true, "colour": NSNull(), "expiresAt": ISO8601DateFormatter().string(from: c.expiresAt), "error": NSNull(), "kind": c.kind,
                           "id": Hex.encode(c.id), "enterprise": c.enterpriseName, "creditCode": c.creditCode, "detail": c.detail]
                } catch let error as CredentialError {
                    out = ["valid": false, "colour": NSNull(), "expiresAt": NSNull(), "error": error.code, "message": error.description, "kind": "certificate"]
                }
            } else { do {
                let c = try services.credentials.verify(text, at: when)
                valid = true
                out = ["valid": true, "colour": c.colour, "expiresAt": ISO8601DateFormatter().string(from: c.expiresAt), "error": NSNull(),
                       "kind": c.kind, "id": Hex.encode(c.id)]
            } catch let error as CredentialError {
                out = ["valid": false, "colour": NSNull(), "expiresAt": NSNull(), "error": error.code, "message": error.description]
            } }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            let what = (out["travelEvidence"] as? [String]).map { "EU DCC (\($0.joined(separator: ", ")))" }
                ?? (out["enterprise"] as? String).map { "\(out["kind"] ?? "") certificate of \($0) (\(out["creditCode"] ?? ""))" } ?? "\(out["colour"] ?? "")"
            print(valid ? "valid: \(what) until \(out["expiresAt"] ?? "")" : "NOT valid: \(out["message"] ?? "")")
        }
        if !valid { throw ExitCode(1) }
    }
}
