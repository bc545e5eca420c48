import App
import ArgumentParser
import Foundation

/// `cordon keys [list|rotate|revoke ID]`
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Health-code signing keys: list them, rotate them, revoke a paper code.",
        discussion: "Keys live in DATA_DIR/keys/signing (private files mode 0600). A key is published (next) before it signs (active); a rotated key (retired) stays in the trust list until the last code it signed has expired. A root key signs the trust list served at /api/v1/trust-list.",
        subcommands: [List.self, Rotate.self, Revoke.self, ImportDCC.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The keys and their state (created on first use).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withServices { services in
                let ring = services.signingKeys
                for e in try ring.ensure(now: services.clock.now()) {
                    print("\(e.kid)  \(e.state.rawValue)\(e.retiredAt.map { "  retired \(ISO8601DateFormatter().string(from: $0))" } ?? "")")
                }
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The next key starts signing; the active one retires; a new next key is published.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let list = try await store.withServices { services in
                let list = try services.signingKeys.rotate(now: services.clock.now())
                try await services.store.appendAudit(
                    services.clock.event("cli:\(NSUserName())", .keysRotate, kind: "key", id: list.first { $0.state == .active }?.kid ?? ""))
                return list
            }
            for e in list { print("\(e.kid)  \(e.state.rawValue)") }
        }
    }

    struct ImportDCC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-dcc",
            abstract: "Trust EU DCC Document Signer Certificates, so HC1: certificates verify as travel evidence.",
            discussion: "FILE holds PEM certificates, one DER certificate, or the EU gateway's JSON trust list (an array of {\"kid\", \"rawData\"} with base64 DER). Every certificate is checked before any is stored (DATA_DIR/keys/dcc/KID.der); the import is audited.")
        @Argument(help: "The certificate file.") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let kids: [String] = try await store.withServices { services in
                let kids: [String]
                do {
                    kids = try services.dccTrust.importCertificates(try Data(contentsOf: URL(fileURLWithPath: file)))
                } catch let error as DCCTrustStore.ImportError {
                    throw ValidationError("\(file): \(error.description)")
                }
                try await services.store.appendAudit(services.clock.event("cli:\(NSUserName())", .keysImportDCC, kind: "key", id: kids.joined(separator: ",")))
                return kids
            }
            print("trusted \(kids.count) EU DCC signer\(kids.count == 1 ? "" : "s"): \(kids.joined(separator: " "))")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a paper code by its id (hex, as `cordon verify --json` prints it).")
        @Argument(help: "The credential id.") var id: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withServices { services in
                try await services.credentials.revoke(id, actor: "cli:\(NSUserName())")
            }
            print("revoked \(id)")
        }
    }
}
