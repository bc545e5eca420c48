import App
import ArgumentParser
import Foundation
import Logging

/// `--data-dir` and `--database-url`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Data directory: SQLite file, keys, demo accounts (default ./cordon-data, or CORDON_DATA_DIR).")
    var dataDir: String?

    @Option(name: .long, help: "Use PostgreSQL instead of SQLite: postgres://user:password@host:5432/database (or CORDON_DATABASE_URL).")
    var databaseURL: String?

    func settings(host: String? = nil, port: Int? = nil, maxIngestRecords: Int? = nil) -> CordonSettings {
        CordonSettings.resolve(dataDirectory: dataDir, databaseURL: databaseURL, host: host, port: port, maxIngestRecords: maxIngestRecords)
    }

    /// Runs `body` with the store open (and, on PostgreSQL, its connections running), then closes it.
    func withServices<T>(_ body: (CordonServices) async throws -> T) async throws -> T {
        var logger = Logger(label: "cordon")
        logger.logLevel = .warning
        return try await CordonServices.withOpen(settings(), logger: logger, body)
    }
}
