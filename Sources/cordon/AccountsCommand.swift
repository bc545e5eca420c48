import App
import ArgumentParser
import Domain
import Foundation

/// `cordon accounts …`: staff accounts from the command line (DESIGN §5, "Accounts and tokens").
/// A store filled with `cordon import` alone becomes usable with `create-admin`; officers then
/// create the accounts of their areas on the staff pages (or here, in bulk, with `import`).
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Staff accounts: the first administrator, create, import, list, disable, reset a password or second factor.",
        subcommands: [CreateAdmin.self, Create.self, Import.self, List.self, Disable.self, Enable.self, ResetPassword.self, ResetSecondFactor.self])

    /// The operator of the command, as the audit log names them.
    static var operatorPrincipal: Principal { .commandLine(ProcessInfo.processInfo.userName) }

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-admin",
            abstract: "Create an administrator for the city at the root of the areas and print a one-time password.",
            discussion: """
                The password works once: the first sign-in asks for a new one (and, for administrators, enrols the \
                second factor). Import the areas first (`cordon import areas FILE`). Audited as cli:USER.
                """)
        @Option(help: "The administrator's user name (3–64 lowercase letters, digits, '.', '_', '-').") var username: String
        @Option(help: "The name shown on pages (default: the user name).") var displayName: String?
        @Flag(help: "Print {\"username\", \"password\"} as JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let issued = try await store.withServices { services in
                try await StaffProblemExit.run { try await services.staff.createAdmin(username: username, displayName: displayName, as: operatorPrincipal) }
            }
            printIssued(issued, json: json)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a staff account bound to an area and print its one-time password.",
            discussion: "Roles: \(Role.allCases.filter(\.isStaff).map(\.rawValue).joined(separator: ", ")). A grid worker is bound to a grid, a community officer to a community, and so on.")
        @Option(help: "The user name.") var username: String
        @Option(help: "The role (kebab case, e.g. grid-worker).") var role: String
        @Option(help: "The area (id, or exact name) the account is responsible for.") var area: String
        @Option(help: "The name shown on pages (default: the user name).") var displayName: String?
        @Option(help: "A work phone (residents of a grid see their grid worker's).") var phone: String?
        @Flag(help: "Print {\"username\", \"password\"} as JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let draft = StaffAdministration.StaffDraft(username: username, displayName: displayName ?? username, role: role, area: area, phone: phone)
            let issued = try await store.withServices { services in
                try await StaffProblemExit.run { try await services.staff.create(draft, as: operatorPrincipal) }
            }
            printIssued(issued, json: json)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update staff from a CSV (username,displayName,role,area,phone) or NDJSON file.",
            discussion: """
                Idempotent: a user name already there with the same fields is left alone. Bad lines are reported with \
                their line number and field; the good ones load. New accounts' one-time passwords are printed once as \
                CSV (username,password) on standard output, or written to --passwords FILE (mode 0600).
                """)
        @Argument(help: "The file.") var file: String
        @Option(help: "Write the new one-time passwords here instead of standard output.") var passwords: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let bar = ProgressBar("staff")
            let report = try await store.withServices { services in
                try await services.staff.importStaff(Array(data), as: operatorPrincipal) { bar.update(done: $0, total: $1) }
            }
            bar.finish()
            let csv = (["username,password"] + report.created.map { "\($0.account.username),\($0.password)" }).joined(separator: "\n") + "\n"
            if let passwords {
                guard FileManager.default.createFile(atPath: passwords, contents: Data(csv.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("cannot write \(passwords)")
                }
            } else if !report.created.isEmpty {
                print(csv, terminator: "")
            }
            for problem in report.problems { FileHandle.standardError.write(Data("\(file):\(problem)\n".utf8)) }
            FileHandle.standardError.write(
                Data("staff: \(report.created.count) created, \(report.updated.count) updated, \(report.unchanged) unchanged, \(report.problems.count) refused\n".utf8))
            if !report.problems.isEmpty { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts (user name, role, area, state), optionally matching a text.")
        @Option(help: "Only accounts whose user name or display name contains this.") var matching: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withServices { services in
                var page = PageRequest(offset: 0, limit: PageRequest.maxLimit)
                while true {
                    let list = try await services.staff.list(as: operatorPrincipal, matching: matching, page: page)
                    for a in list.items {
                        let state = a.disabled ? "disabled" : a.mustChangePassword ? "one-time password" : "active"
                        print("\(a.username)\t\(a.role.rawValue)\t\(a.jurisdictionID)\t\(state)\t\(a.displayName)")
                    }
                    guard list.hasNext else { break }
                    page = PageRequest(offset: page.offset + page.limit, limit: page.limit)
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions end, its tokens stop within 30 seconds.")
        @Argument(help: "The user name.") var username: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withServices { services in
                try await StaffProblemExit.run { try await services.staff.setDisabled(username: username, true, as: operatorPrincipal) }
            }
            print("\(username) disabled")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Argument(help: "The user name.") var username: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withServices { services in
                try await StaffProblemExit.run { try await services.staff.setDisabled(username: username, false, as: operatorPrincipal) }
            }
            print("\(username) enabled")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Give an account a new one-time password (printed once) and sign it out everywhere.")
        @Argument(help: "The user name.") var username: String
        @Flag(help: "Print {\"username\", \"password\"} as JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let password = try await store.withServices { services in
                try await StaffProblemExit.run { try await services.staff.resetPassword(username: username, as: operatorPrincipal) }
            }
            printCredentials(username: username, password: password, json: json)
        }
    }

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

private func printIssued(_ issued: StaffAdministration.Issued, json: Bool) {
    printCredentials(username: issued.account.username, password: issued.password, json: json)
}

/// `{"username","password"}` (DESIGN §5) or two readable lines.
private func printCredentials(username: String, password: String, json: Bool) {
    if json {
        let object = ["username": username, "password": password]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), let text = String(data: data, encoding: .utf8) {
            print(text)
        }
    } else {
        print("username: \(username)\none-time password: \(password)\n(it works once: the first sign-in asks for a new password)")
    }
}

/// A refused account change as a command-line error naming the option.
enum StaffProblemExit {
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let problem as StaffProblem {
            throw ValidationError("--\(problem.field == "displayName" ? "display-name" : problem.field): \(problem.description)")
        } catch let denial as AccessPolicy.Denial {
            throw ValidationError(denial.description)
        }
    }
}
