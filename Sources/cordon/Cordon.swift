import ArgumentParser

/// `cordon`: the command centre's server and tools. Each subcommand only parses its arguments and
/// calls into the App library.
@main
struct Cordon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cordon",
        abstract: "Cordon: the epidemic command-centre platform (health codes, contact tracing, grid management).",
        discussion: "Data lives in --data-dir (default ./cordon-data: the SQLite file, keys, demo accounts), or in PostgreSQL with --database-url postgres://user:password@host:5432/db. Both can also be set as CORDON_DATA_DIR and CORDON_DATABASE_URL. Start with `cordon serve`: on an empty data directory it generates a demo city and prints one sign-in per role.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, ImportCommand.self, TraceCommand.self, StatusCommand.self, CodeCommand.self, VerifyCommand.self,
            KeysCommand.self, TokensCommand.self, AccountsCommand.self, PurgeCommand.self, AuditCommand.self, NotifyCommand.self, PermissionsCommand.self, BenchCommand.self,
        ]
    )
}
