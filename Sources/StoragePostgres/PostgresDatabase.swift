import Domain
import Foundation
import Logging
import PostgresNIO
import StorageSQL

/// The multi-instance backend: PostgreSQL 15 through postgres-nio's `PostgresClient` (a connection
/// pool). Several `cordon serve` instances can share one database.
public final class PostgresDatabase: SQLBackend {
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>

    public var name: String { "postgres" }
    public var dialect: SQLDialect { .postgres }

    /// Connects, waits until the server answers and runs pending migrations.
    public init(url: String, logger: Logger = Logger(label: "cordon.postgres")) async throws {
        let client = PostgresClient(configuration: try PostgresURL.configuration(from: url), backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.runTask = Task { await client.run() }
        // Let the pool's run loop start before the first lease, which otherwise logs a warning.
        for _ in 0..<5 { await Task.yield() }
        do {
            try await PostgresSchema.migrate(client, logger: logger)
            try await PostgresSchema.warnUnlessBytewiseCollation(client, logger: logger)
        } catch {
            runTask.cancel()
            throw StoreError.unavailable(String(reflecting: error))
        }
    }

    public func schemaVersion() async throws -> Int { try await count("SELECT count(*) FROM schema_migrations") }

    public func close() async throws {
        runTask.cancel()
        _ = await runTask.value
    }

    public func beginBulkLoad() async throws {}
    public func endBulkLoad() async throws {}

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        // One snapshot: a read-only repeatable-read transaction, as SQLite's single read.
        try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            return try await body(PostgresExecutor(connection: connection, logger: self.logger))
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await transaction { connection in try await body(PostgresExecutor(connection: connection, logger: self.logger)) }
    }

    private func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
        }
    }

    // Single statements outside a transaction run on any pooled connection.
    public func query<T: Sendable>(_ sql: SQL, _ map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try await client.withConnection { try await PostgresExecutor(connection: $0, logger: self.logger).query(sql, map) }
    }

    public func execute(_ sql: SQL) async throws -> Int {
        try await client.withConnection { try await PostgresExecutor(connection: $0, logger: self.logger).execute(sql) }
    }

    public func insert<T: Sendable>(_ rows: RowInsert, returning map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try await write { try await $0.insert(rows, returning: map) }
    }

    public func lock(_ lock: WriterLock) async throws {}
}

/// The multi-instance store: the shared store over a PostgreSQL database.
public enum PostgresStore {
    public static func open(url: String, hasher: any AuditChainHasher, logger: Logger = Logger(label: "cordon.postgres")) async throws -> SQLStore {
        SQLStore(backend: try await PostgresDatabase(url: url, logger: logger), hasher: hasher)
    }
}
