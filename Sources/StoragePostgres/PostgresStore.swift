import Domain
import Foundation
import Logging
import PostgresNIO

/// The multi-instance store: PostgreSQL 15 through postgres-nio's `PostgresClient` (a connection
/// pool). Several `cordon serve` instances can share one database; every mutating method is one
/// transaction that also appends its audit entry.
public final class PostgresStore: CordonStore {
    let client: PostgresClient
    let hasher: any AuditChainHasher
    let logger: Logger
    private let runTask: Task<Void, Never>

    public var backendName: String { "postgres" }

    /// Connects, waits until the server answers and runs pending migrations.
    public init(url: String, hasher: any AuditChainHasher, logger: Logger = Logger(label: "cordon.postgres")) async throws {
        let configuration = try PostgresURL.configuration(from: url)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.hasher = hasher
        self.logger = logger
        self.runTask = Task { await client.run() }
        // Let the pool's run loop start before the first lease, which otherwise logs a warning.
        for _ in 0..<5 { await Task.yield() }
        do {
            try await PostgresMigrations.migrate(client, logger: logger)
            try await warnUnlessBytewiseCollation()
        } catch {
            runTask.cancel()
            throw StoreError.unavailable(String(reflecting: error))
        }
    }

    /// Area paths are compared bytewise (`COLLATE "C"`) whatever the database; other text (ids,
    /// names) sorts by the database's collation. With a linguistic one (`en_US.UTF-8`: hyphens
    /// ignored) lists come in another order than on SQLite: say so, with how to create it instead.
    func warnUnlessBytewiseCollation() async throws {
        for try await collation in try await client.query("SELECT datcollate FROM pg_database WHERE datname = current_database()", logger: logger)
            .decode(String.self)
        where !["C", "POSIX", "C.UTF-8", "C.utf8"].contains(collation) {
            logger.warning(
                "database collation is \(collation): ids and names will be listed in that language's order, not byte order as on SQLite; create the database with CREATE DATABASE cordon TEMPLATE template0 LOCALE 'C.UTF-8' for the same order everywhere")
        }
    }

    public func schemaVersion() async throws -> Int {
        let rows = try await client.query("SELECT count(*)::bigint FROM schema_migrations", logger: logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    public func ping() async throws {
        try await client.query("SELECT 1", logger: logger)
    }

    public func close() async throws {
        runTask.cancel()
        _ = await runTask.value
    }

    /// Runs `body` in one transaction.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
        }
    }

    /// All rows of a query, for random access by column name.
    func rows(_ query: PostgresQuery, on connection: PostgresConnection? = nil) async throws -> [PostgresRandomAccessRow] {
        let sequence: PostgresRowSequence
        if let connection {
            sequence = try await connection.query(query, logger: logger)
        } else {
            sequence = try await client.query(query, logger: logger)
        }
        return try await sequence.collect().map { $0.makeRandomAccess() }
    }
}

extension PostgresRandomAccessRow {
    /// The value of a column, decoded.
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}

extension Date {
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

extension Date {
    /// Whole seconds since 1970, as feed times are stored.
    var seconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
    init(seconds: Int64) { self.init(timeIntervalSince1970: Double(seconds)) }
}
