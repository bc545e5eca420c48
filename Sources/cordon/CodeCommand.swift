import App
import ArgumentParser
import Foundation
import QRImage

/// `cordon code P [--svg FILE] [--paper]`
struct CodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Print a person's health code (credential text) and write its QR code as SVG.",
        discussion: "The code carries the person's colour now, an opaque pseudonym (never the identity number), and lives 5 minutes (profile credentials.phoneLifetimeSeconds), or 7 days with --paper (revocable with `cordon keys revoke`).")

    @Argument(help: "The resident's import id.") var person: String
    @Option(help: "Write the QR code to this SVG file.") var svg: String?
    @Flag(help: "A printable paper code with the longer, revocable lifetime.") var paper = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let (text, credential) = try await store.withServices { services in
            guard try await services.store.resident(id: person) != nil else {
                throw ValidationError("no resident with id \(person)")
            }
            let (text, credential) = try await services.credentials.issue(for: person, kind: paper ? .paper : .phone)
            try await services.store.appendAudit(services.clock.event("cli:\(NSUserName())", .credentialIssue, kind: "person", id: person, detail: credential.kind))
            return (text, credential)
        }
        if let svg {
            try QRMatrix.encode(text).svg(label: "Cordon \(credential.colour)").write(toFile: svg, atomically: true, encoding: .utf8)
        }
        print(text)
    }
}
