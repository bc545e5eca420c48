import App
import ArgumentParser
import Credentials
import Domain
import Foundation

/// `cordon verify TEXT [--json]`
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a health code offline against this data directory's trust list.",
        discussion: "--json prints {\"valid\", \"colour\", \"expiresAt\", \"error\"} (DESIGN §5), plus the kind and id. Exit status 1 when the code is not valid.")

    @Argument(help: "The credential text (CDN1:…).") var text: String
    @Flag(help: "Print the DESIGN §5 JSON contract.") var json = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let services = try await store.open()
        try await services.store.close()
        var out: [String: Any] = [:]
        var valid = false
        do {
            let c = try CredentialService(services: services).verify(text)
            valid = true
            out = ["valid": true, "colour": c.colour, "expiresAt": ISO8601DateFormatter().string(from: c.expiresAt), "error": NSNull(),
                   "kind": c.kind, "id": Hex.encode(c.id)]
        } catch {
            out = ["valid": false, "colour": NSNull(), "expiresAt": NSNull(), "error": error.code, "message": error.description]
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(valid ? "valid: \(out["colour"] ?? "") until \(out["expiresAt"] ?? "")" : "NOT valid: \(out["message"] ?? "")")
        }
        if !valid { throw ExitCode(1) }
    }
}
