import App
import ArgumentParser
import Domain
import Foundation
import Ingestion

/// `cordon tokens create|list|revoke`: bearer tokens for data feeds and API clients (DESIGN §5,
/// "Accounts and tokens"). A token shows once, at creation; the store keeps only its hash.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Create, list and revoke the API tokens of staff accounts (data feeds, API clients).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it (once: only its hash is kept).",
            discussion: """
                Scope a feed's token to what it delivers: `cordon tokens create --label hospital-labs --scope ingest:labs --json` \
                prints {"token", "scopes"}. Without --user the token belongs to the service account svc-LABEL (made on first \
                use, with the least role that holds the scopes); with --user, to that account, and scopes can only narrow \
                its role. Scopes: read (the read-only API), scan, \(ImportKind.allCases.map { "ingest:" + $0.rawValue }.joined(separator: ", ")), \
                or any permission of `cordon permissions`. Add --area 330102 to limit it to a district's records.
                """)

        @Option(help: "The account's user name (default: the service account svc-LABEL).") var user: String?
        @Option(help: "A name for the token, to list and revoke it by (for example the feed's system).") var label: String
        @Option(help: "What the token may do: SCOPE[,SCOPE…] or repeated (ingest:labs, scan, read…).") var scope: [String] = []
        @Option(help: "An area (id) within the account's jurisdiction: the token reads and sends records of that area only.") var area: String?
        @Option(help: "Days until the token stops working (1–3650; default: until revoked).") var expiresInDays: Int?
        @Flag(help: "Print {\"token\", \"scopes\"} as JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let issued = try await store.withServices { services in
                try await StaffProblemExit.run {
                    try await services.staff.createToken(
                        username: user, label: label, scopes: scope, areaID: area, expiresInDays: expiresInDays, as: AccountsCommand.operatorPrincipal)
                }
            }
            let scopes = issued.token.scopes.map { $0.sorted() } ?? []
            if json {
                let object: [String: Any] = ["token": issued.secret, "scopes": scopes, "account": issued.account.username]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(issued.secret)
                FileHandle.standardError.write(
                    Data("token \(label) for \(issued.account.username) (\(issued.account.role.rawValue)), scopes: \(scopes.isEmpty ? "the role's" : scopes.joined(separator: ","))\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an account's tokens: label, created, scopes, revoked (never the secrets).")
        @Option(help: "The account's user name.") var user: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let tokens = try await store.withServices { services in
                guard let account = try await services.store.account(username: user) else { throw ValidationError("--user \(user): no such account") }
                return try await services.store.tokens(accountID: account.id)
            }
            if tokens.isEmpty { print("\(user) has no tokens") }
            for t in tokens {
                let scopes = t.scopes.map { $0.sorted().joined(separator: ",") } ?? "(the role's)"
                let area = t.areaPath.map { "\tarea \($0.split(separator: "/").last.map(String.init) ?? $0)" } ?? ""
                let used = t.lastUsedAt.map { "\tlast used \(Timestamp.format($0))" } ?? "\tnever used"
                let expires = t.expiresAt.map { "\texpires \(Timestamp.format($0))" } ?? ""
                print("\(t.label)\tcreated \(Timestamp.format(t.createdAt))\tscopes \(scopes)\(area)\(used)\(expires)\(t.revoked ? "\trevoked" : "")")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an account's tokens with this label; they stop working within 30 seconds on every instance.")
        @Option(help: "The account's user name.") var user: String
        @Option(help: "The label the token was created with.") var label: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let n = try await store.withServices { services in
                guard let account = try await services.store.account(username: user) else { throw ValidationError("--user \(user): no such account") }
                return try await services.store.revokeTokens(
                    accountID: account.id, label: label,
                    audit: services.clock.event("cli:\(ProcessInfo.processInfo.userName)", .tokenRevoke, kind: "account", id: account.id, detail: label))
            }
            guard n > 0 else { throw ValidationError("--label \(label): \(user) has no active token with this label") }
            print("revoked \(n) token\(n == 1 ? "" : "s") of \(user) labelled \(label)")
        }
    }
}
