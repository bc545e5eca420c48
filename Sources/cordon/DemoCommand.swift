import App
import ArgumentParser
import DemoCity
import Foundation

/// `cordon demo --residents N [--seed S]`
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a synthetic city (areas around Hangzhou, compounds, venues, checkpoints, cells, residents) into an empty store.",
        discussion: "The same seed always gives the same city. One sign-in per role is printed and written to DATA_DIR/demo-accounts.json.")

    @Option(help: "How many residents (1M takes well under a minute).")
    var residents = 50_000

    @Option(help: "Random seed: the same seed gives the same city.")
    var seed: UInt64 = 2020

    @OptionGroup var store: StoreOptions

    func run() async throws {
        guard residents > 0 else { throw ValidationError("--residents must be at least 1") }
        let (accounts, settings) = try await store.withServices { services in
            (try await DemoRunner.run(services: services, residents: residents, seed: seed), services.settings)
        }
        DemoRunner.printAccounts(accounts, settings: settings)
    }
}

/// Shared by `demo` and by `serve` on an empty store.
enum DemoRunner {
    static func run(services: CordonServices, residents: Int, seed: UInt64) async throws -> [DemoLoader.DemoAccount] {
        let bar = ProgressBar("demo city")
        let started = Date()
        let spec = DemoCitySpec(residents: residents, seed: seed, today: .today(services.clock.now()))
        let accounts = try await services.demo.load(spec: spec) { bar.update(done: $0, total: $1) }
        bar.finish()
        print(String(format: "demo city: %d residents in %.1f s", residents, Date().timeIntervalSince(started)))
        return accounts
    }

    static func printAccounts(_ accounts: [DemoLoader.DemoAccount], settings: CordonSettings) {
        print("demo sign-ins (also in \(settings.demoAccountsFile.path)):")
        for a in accounts {
            var line = "  \(a.role.padding(toLength: 20, withPad: " ", startingAt: 0)) "
            if let password = a.password { line += "user \(a.username)  password \(password)" }
            if let token = a.token { line += "bearer token \(token)" }
            if let phone = a.phone { line += "phone \(phone) (\(a.residentID ?? ""))" }
            if let j = a.jurisdiction { line += "  jurisdiction \(j)" }
            if let note = a.note { line += "  — \(note)" }
            print(line)
        }
        // Said once under the list: the two roles that also need an authenticator app.
        let second = settings.secondFactorRoles.map(\.rawValue).sorted()
        if !second.isEmpty {
            print("  \(second.joined(separator: " and ")) also sign in with an authenticator app (TOTP): the first sign-in shows its QR code")
        }
    }
}
