import App
import ArgumentParser
import Domain
import Foundation

/// `cordon audit verify [--anchor FILE]`, `cordon audit anchor`
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Inspect the append-only audit log.", subcommands: [Verify.self, Anchor.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the keyed hash chain and name the first broken entry.",
            discussion: """
                With --anchor FILE (printed earlier by `cordon audit anchor`), also checks that the log still holds the anchored \
                entry with the anchored hash: nothing up to it was rewritten, and the log was not cut back before it.
                Exit status 0 when the chain is intact, 2 when an entry was edited, removed or reordered, or the anchor does not hold.
                """)

        @Option(name: .long, help: "An anchor printed by `cordon audit anchor`, kept outside the database.")
        var anchor: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let anchored: AuditAnchor? = try anchor.map { path in
                do {
                    let decoder = JSONDecoder()
                    decoder.dateDecodingStrategy = .iso8601
                    return try decoder.decode(AuditAnchor.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
                } catch {
                    throw ValidationError("\(path) is not an anchor printed by `cordon audit anchor`: \(error.localizedDescription)")
                }
            }
            let (result, check) = try await store.withServices { services in
                let result = try await services.store.verifyAuditChain(hasher: services.hasher)
                var check: AuditAnchor.Check? = nil
                if let anchored { check = try await services.store.check(anchored, hasher: services.hasher) }
                return (result, check)
            }
            var broken = false
            switch result {
            case .intact(let n, let unkeyed):
                print("audit log intact: \(n) entries")
                if unkeyed > 0 {
                    print("entries 1–\(unkeyed) were written before the chain was keyed: only an anchor taken since protects them")
                }
            case .broken(let sequence, let reason):
                print("audit log BROKEN at entry \(sequence): \(reason)")
                broken = true
            }
            if let check, let anchored {
                switch check {
                case .holds: print("anchor holds: entry \(anchored.sequence) still carries the anchored hash")
                case .forged: print("anchor FORGED: its signature was not made with this store's key")
                case .truncated(let last): print("audit log TRUNCATED: the anchor is at entry \(anchored.sequence), the log ends at \(last)")
                case .rewritten: print("audit log REWRITTEN: entry \(anchored.sequence) no longer carries the anchored hash")
                }
                broken = broken || check != .holds
            }
            if broken { throw ExitCode(2) }
        }
    }

    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a signed head of the chain (sequence, hash, time) to keep outside the database.",
            discussion: """
                The anchor is JSON on standard output, signed (HMAC-SHA256) with a key derived from the personal-data key. Keep it \
                where whoever can write to the database cannot (another system, a printout): `cordon audit verify --anchor FILE` \
                then detects truncation and any rewriting up to that entry. Taking an anchor is itself audited.
                """)

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let anchor = try await store.withServices { services in
                let anchor = try await services.store.auditAnchor(hasher: services.hasher, at: services.clock.now())
                if let anchor {
                    try await services.store.appendAudit(
                        services.clock.event("cli:\(NSUserName())", .auditAnchor, kind: "audit", id: String(anchor.sequence)))
                }
                return anchor
            }
            guard let anchor else { throw ValidationError("the audit log is empty: nothing to anchor yet") }
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(anchor), as: UTF8.self))
        }
    }
}
