import App
import ArgumentParser
import Domain

/// `cordon audit verify`
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Inspect the append-only audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain and name the first broken entry.",
            discussion: "Exit status 0 when the chain is intact, 2 when an entry was edited, removed or reordered.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let result = try await store.withServices { services in
                try await services.store.verifyAuditChain(hasher: services.hasher)
            }
            switch result {
            case .intact(let n):
                print("audit log intact: \(n) entries")
            case .broken(let sequence, let reason):
                print("audit log BROKEN at entry \(sequence): \(reason)")
                throw ExitCode(2)
            }
        }
    }
}
