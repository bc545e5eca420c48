import App
import ArgumentParser
import Domain
import Foundation

/// `cordon accounts reset-second-factor USERNAME`: staff accounts from the command line (DESIGN §5,
/// "Accounts and tokens").
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Staff accounts: reset a second factor.", subcommands: [ResetSecondFactor.self])

    struct ResetSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-second-factor",
            abstract: "Remove an account's TOTP second factor (a lost phone); it enrols a new one at its next sign-in.",
            discussion: "Audited. Admin and command-centre accounts sign in with a second factor (CORDON_SECOND_FACTOR_ROLES).")
        @Argument(help: "The account's user name.") var username: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withServices { services in
                do {
                    try await services.accounts.resetSecondFactor(username: username, actor: "cli:\(ProcessInfo.processInfo.userName)")
                } catch StoreError.notFound {
                    throw ValidationError("no account \(username)")
                }
            }
            print("second factor of \(username) removed: it enrols a new one at its next sign-in")
        }
    }
}
