import App
import ArgumentParser
import Foundation
import Privacy

/// `cordon keys [list|rotate|revoke ID|import-dcc FILE|rotate-data-key]`
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Health-code signing keys: list them, rotate them, revoke a paper code; rotate the personal-data key.",
        discussion: "Keys live in DATA_DIR/keys/signing (private files mode 0600). A key is published (next) before it signs (active); a rotated key (retired) stays in the trust list until the last code it signed has expired. A root key signs the trust list served at /api/v1/trust-list.",
        subcommands: [List.self, Rotate.self, Revoke.self, ImportDCC.self, RotateDataKey.self], defaultSubcommand: List.self)

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

    struct RotateDataKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-data-key",
            abstract: "Seal every identity number, phone, address and birth date again under a new encryption key.",
            discussion: """
                Adds a new key to DATA_DIR/keys/data-keys.json (mode 0600), then re-seals every resident's envelope and every \
                outbox recipient under it, with a progress bar. Interrupted (a crash, Ctrl-C), run it again: it finishes the same \
                rotation, skipping what is done. When it ends, envelopes written before they were bound to their row no longer \
                open, and birth dates kept in clear by older stores are inside the envelopes. Older keys stay in the file, so a \
                backup taken since envelopes were bound still opens; to restore one from before, set "acceptsLegacyEnvelopes" \
                to true in data-keys.json and run this command again. Stop `cordon serve` (every instance) first, or restart it after: a running server keeps \
                sealing with the key it started with. Refused when the key comes from CORDON_PERSONAL_DATA_KEY.
                Exit status 0 when every row is under the new key, 3 when rows changed meanwhile (run it again).
                """)
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let directory = store.settings().keysDirectory
            let began: (ring: DataKeyFile, resumed: Bool)
            do {
                began = try DataKeyFile.beginRotation(directory: directory)
            } catch let error as VaultError {
                throw ValidationError(error.description)
            }
            print(began.resumed ? "resuming the rotation that was interrupted" : "new data key added to \(directory.path)/data-keys.json")
            let (outcome, keyID) = try await store.withServices { services in
                let bar = ProgressBar("re-sealing")
                let outcome = try await DataKeyRotation(store: services.store, vault: services.vault, clock: services.clock)
                    .run(actor: "cli:\(NSUserName())") { done, total in bar.update(done: done, total: total) }
                bar.finish()
                return (outcome, services.vault.sealingKeyID)
            }
            print("re-sealed \(outcome.resealed) of \(outcome.scanned) sealed fields under key \(keyID)")
            if outcome.skipped > 0 {
                print("\(outcome.skipped) rows changed while they were re-sealed: run `cordon keys rotate-data-key` again to finish")
                throw ExitCode(3)
            }
            try DataKeyFile.finishRotation(directory: directory)
            print("rotation finished: every envelope is bound to its row under key \(keyID); restart `cordon serve` to seal with it")
        }
    }
}
