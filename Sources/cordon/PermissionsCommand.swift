import ArgumentParser
import Domain

/// `cordon permissions`: who may do what, printed from the permission table the server enforces
/// (the README's "Who may do what" section is this output, and a test keeps them equal).
struct PermissionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "permissions",
        abstract: "Print the permission table: what each role may do (staff within their jurisdiction, residents for themselves and their dependants).",
        discussion: "The same table decides every page and API route. Output is a Markdown table, one row per permission, one column per role of DESIGN §2.")

    func run() throws {
        print(AccessPolicy.markdownTable())
    }
}
