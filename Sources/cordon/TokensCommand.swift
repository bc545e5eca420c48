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
            abstract: "Create a token for an account and print it (once: only its hash is kept).",
            discussion: "Scope a feed's token to what it delivers: `cordon tokens create --user feed --label hospital-labs --scope labs`; add `--area 330102` to limit it to a district's records. Without --scope the token may do whatever the account's role may. Scopes: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).")

        @Option(help: "The account's user name.") var user: String
        @Option(help: "A name for the token, to list and revoke it by (for example the feed's system).") var label: String
        @Option(help: "An import kind the token may send; repeat for several.") var scope: [String] = []
        @Option(help: "An area (id) within the account's jurisdiction: the token reads and sends records of that area only.") var area: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            let kinds = Set(ImportKind.allCases.map(\.rawValue))
            for s in scope where !kinds.contains(s) {
                throw ValidationError("--scope \(s): not an import kind (\(kinds.sorted().joined(separator: ", ")))")
            }
            guard !label.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--label: give the token a name") }
        }

        func run() async throws {
            let secret = try await store.withServices { services in
                guard let account = try await services.store.account(username: user) else { throw ValidationError("--user \(user): no such account") }
                do {
                    return try await services.accounts.createToken(
                        for: account, label: label, scopes: scope.isEmpty ? nil : Set(scope), areaID: area, actor: "cli:\(ProcessInfo.processInfo.userName)")
                } catch AccountService.SignInError.jurisdictionMissing(let id) {
                    throw ValidationError("--area \(id): no such area")
                } catch let error as AccountService.TokenError {
                    throw ValidationError("--area: \(error.description)")
                }
            }
            print(secret)
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
                print("\(t.label)\tcreated \(Timestamp.format(t.createdAt))\tscopes \(scopes)\(area)\(t.revoked ? "\trevoked" : "")")
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
