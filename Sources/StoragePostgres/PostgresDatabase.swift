import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import StorageSQL
import Synchronization

/// The multi-instance backend: PostgreSQL 15 through postgres-nio's `PostgresClient` (a connection
/// pool). Several `cordon serve` instances can share one database.
///
/// The pool works only while `run()` runs: `cordon serve` runs it as a service of the application's
/// service group, commands in a child task for as long as they use the store. Cancelling `run()`
/// closes every connection.
public final class PostgresDatabase: SQLBackend, Service {
    let client: PostgresClient
    let logger: Logger
    let partitions = PresencePartitions()
    /// Opens at `close()`.
    private let closed = Gate()
    /// Whether some task already runs the pool: a client runs once; a second `run()` only waits.
    private let claimed = Mutex(false)
    /// Opens when `run()` starts the pool: work asked of the pool before then would wait for it anyway.
    private let running = Gate()

    public var name: String { "postgres" }
    public var dialect: SQLDialect { .postgres }
    public var memoryBytes: Int? { nil }

    /// Reads the URL; nothing connects until `run()`.
    public init(url: String, logger: Logger = Logger(label: "cordon.postgres")) throws {
        // The pool logs each failed connection attempt at info, several a second while the server
        // is down; the server's DatabaseHealth reports an outage once, so the pool says only warnings.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .warning)
        self.client = PostgresClient(configuration: try PostgresURL.configuration(from: url), backgroundLogger: poolLogger)
        self.logger = logger
    }

    /// Runs the pool until the service group shuts down (after every other service: it is first in
    /// the group), the task is cancelled, or `close()`.
    public func run() async throws {
        let first = claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
        try await cancelWhenGracefulShutdown {
            if first { await self.runUntilClosed() } else { await self.closed.wait() }
        }
    }

    private func runUntilClosed() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                self.running.open()
                await self.client.run()
            }
            group.addTask { await self.closed.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    /// Waits until the pool runs and the server answers, then applies pending migrations.
    public func migrate() async throws {
        await running.wait()
        do {
            try await PostgresSchema.migrate(client, logger: logger)
            try await PresencePartitions.moveRows(client, partitions: partitions, logger: logger)
            try await PostgresSchema.warnUnlessBytewiseCollation(client, logger: logger)
        } catch {
            throw StoreError.unavailable(String(reflecting: error))
        }
    }

    public func schemaVersion() async throws -> Int { try await count("SELECT count(*) FROM schema_migrations") }

    /// Ends `run()`, which closes every connection.
    public func close() async throws { closed.open() }

    /// An advisory lock taken on one pooled connection and held while `body` runs; the
    /// connection is asked every two seconds whether it is still there, and when it is not, `body`
    /// is cancelled (the lock went with it, and another instance may hold it already).
    public func withLease(_ name: String, _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        let key = PostgresLease.key(name)
        return try await client.withConnection { connection in
            guard try await PostgresLease.tryLock(key, on: connection, logger: self.logger) else { return false }
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await body() }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: PostgresLease.checkEvery)
                            try await connection.query("SELECT 1", logger: self.logger)
                        }
                    }
                    defer { group.cancelAll() }
                    try await group.next()
                }
            } catch {
                // The connection goes back to the pool: it must not keep the lock, whatever ended
                // the work (a cancelled task cannot query, so the release runs outside it).
                await PostgresLease.release(on: connection, logger: self.logger)
                throw error
            }
            await PostgresLease.release(on: connection, logger: self.logger)
            return true
        }
    }

    public func beginBulkLoad() async throws {}
    public func endBulkLoad() async throws {}

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        // One snapshot: a read-only repeatable-read transaction, as SQLite's single read.
        try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            return try await body(PostgresExecutor(connection: connection, logger: self.logger, partitions: self.partitions))
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        do {
            return try await transaction { connection in
                try await body(PostgresExecutor(connection: connection, logger: self.logger, partitions: self.partitions))
            }
        } catch {
            // A partition made in a transaction that rolled back is gone again: the days remembered
            // are forgotten, so the next batch asks the server instead of writing to the default.
            partitions.forgetAll()
            throw error
        }
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
        try await client.withConnection { try await PostgresExecutor(connection: $0, logger: self.logger, partitions: self.partitions).query(sql, map) }
    }

    public func execute(_ sql: SQL) async throws -> Int {
        try await client.withConnection { try await PostgresExecutor(connection: $0, logger: self.logger, partitions: self.partitions).execute(sql) }
    }

    public func insert<T: Sendable>(_ rows: RowInsert, returning map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try await write { try await $0.insert(rows, returning: map) }
    }

    public func insert(_ rows: RowInsert) async throws -> Int {
        try await write { try await $0.insert(rows) }
    }

    public func load(_ rows: RowInsert) async throws -> Int {
        try await write { try await $0.load(rows) }
    }

    public func lock(_ lock: WriterLock) async throws {}
}

/// The multi-instance store: the shared store over a PostgreSQL database. Run the returned
/// service, then `migrate()` the store, before using it.
public enum PostgresStore {
    public static func open(url: String, hasher: any AuditChainHasher, logger: Logger = Logger(label: "cordon.postgres")) throws -> (store: SQLStore, service: any Service) {
        let database = try PostgresDatabase(url: url, logger: logger)
        return (SQLStore(backend: database, hasher: hasher), database)
    }
}
