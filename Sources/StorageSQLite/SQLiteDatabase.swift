import Domain
import Foundation
import GRDB
import GRDBSQLite
import StorageSQL

/// The embedded backend: one SQLite file in WAL mode through GRDB's `DatabasePool` (one writer,
/// concurrent readers).
///
/// The shared store writes transactions as async code (PostgreSQL's driver is async), while GRDB
/// runs statements in synchronous closures. So a transaction here is the writer connection held
/// by an async lock: `BEGIN IMMEDIATE`, each statement a short synchronous call on the writer,
/// then `COMMIT` — and nothing else writes in between, because every write takes the lock.
public final class SQLiteDatabase: SQLBackend {
    public let pool: DatabasePool
    public let path: String
    private let checkpointer: WALCheckpointer
    private let writers = WriterQueue()

    public var name: String { "sqlite" }
    public var dialect: SQLDialect { .sqlite }
    /// SQLite's own count of its allocations, all connections together.
    public var memoryBytes: Int? { Int(sqlite3_memory_used()) }

    /// Opens (creating if needed) the database file and runs pending migrations.
    public init(path: String) throws {
        var config = Configuration()
        config.label = "cordon"
        config.busyMode = .timeout(10)
        // A transaction spans several accesses to the writer (see above).
        config.allowsUnsafeTransactions = true
        config.prepareDatabase { db in
            // FULL: a committed import batch survives a power cut, not only a crash (DESIGN: never lose a record).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Each statement of a multi-statement transaction (an import batch: many multi-row INSERTs,
            // then the audit line) keeps the original of every page it changes in a statement
            // journal. SQLite keeps that journal in memory only up to 64 KiB, then in a temporary file:
            // about one write system call per imported row (strace: 1.93M pwrite for 2M rows, against
            // 137k for sqlite3's own INSERT … SELECT). In memory it is a copy of a few dozen pages.
            // (Sorting for CREATE INDEX still uses temporary files: SQLite's sorter ignores this.)
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        self.pool = try DatabasePool(path: path, configuration: config)
        // GRDB turns its writer to WAL after `prepareDatabase` ran, and sets synchronous = NORMAL
        // with it: commits were not synced (a power cut lost the last seconds of answered scans
        // and imports; only the checkpoints synced). FULL again, on the connection that commits.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        self.path = path
        try SQLiteSchema.migrator.migrate(pool)
        // Restores the look-up indexes if a bulk load was interrupted.
        try pool.write { db in for index in Migrations.lookupIndexes { try db.execute(sql: index) } }
        self.checkpointer = try WALCheckpointer(path: path)
    }

    deinit { checkpointer.stop() }

    public func schemaVersion() async throws -> Int {
        try await pool.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db).count }
    }

    /// Done when the file opened (synchronously, before anything can read it).
    public func migrate() async throws {}

    public func withLease(_ name: String, _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        try await SQLiteLease.withLease(file: path, name: name, body)
    }

    public func close() async throws {
        checkpointer.stop()
        try pool.close()
    }

    public func beginBulkLoad() async throws {
        try await write { _ in
            try self.onWriter { db in
                try db.execute(sql: "DROP INDEX IF EXISTS residents_phone; DROP INDEX IF EXISTS residents_id_number; DROP INDEX IF EXISTS residents_compound; DROP INDEX IF EXISTS residents_name")
            }
        }
        try await writers.holding { try self.onWriter { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384") } }
    }

    public func endBulkLoad() async throws {
        try await write { _ in try self.onWriter { db in for index in Migrations.lookupIndexes { try db.execute(sql: index) } } }
        try await writers.holding { try self.onWriter { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)") } }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        // A snapshot connection: every query of `body` sees the state of the moment it opened.
        try await body(SQLiteSnapshot(snapshot: try pool.makeSnapshot()))
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await writers.holding {
            try onWriter { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            do {
                let result = try await body(SQLiteTransaction(database: self))
                try onWriter { db in try db.execute(sql: "COMMIT") }
                return result
            } catch {
                // The error that made us roll back is the one to report.
                try? onWriter { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } }
                throw error
            }
        }
    }

    /// A synchronous call on the writer connection. Only inside `write` (the lock is held), and
    /// from a non-async function so that GRDB's synchronous access is the one called.
    func onWriter<T>(_ work: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction(work)
    }

    // Single statements outside a transaction: reads on a reader connection, writes as a transaction.
    public func query<T: Sendable>(_ sql: StorageSQL.SQL, _ map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try await pool.read { db in try SQLiteStatements.query(sql, map, in: db) }
    }

    public func execute(_ sql: StorageSQL.SQL) async throws -> Int {
        try await write { try await $0.execute(sql) }
    }

    public func insert<T: Sendable>(_ rows: RowInsert, returning map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try await write { try await $0.insert(rows, returning: map) }
    }

    public func insert(_ rows: RowInsert) async throws -> Int {
        try await write { try await $0.insert(rows) }
    }

    public func lock(_ lock: WriterLock) async throws {}
}

/// Statements inside a write transaction (the writer connection, lock held).
struct SQLiteTransaction: SQLExecutor {
    let database: SQLiteDatabase
    var dialect: SQLDialect { .sqlite }

    func query<T: Sendable>(_ sql: StorageSQL.SQL, _ map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try database.onWriter { db in try SQLiteStatements.query(sql, map, in: db) }
    }

    func execute(_ sql: StorageSQL.SQL) async throws -> Int {
        try database.onWriter { db in try SQLiteStatements.execute(sql, in: db) }
    }

    func insert<T: Sendable>(_ rows: RowInsert, returning map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try database.onWriter { db in try SQLiteStatements.insert(rows, map, in: db) }
    }

    func insert(_ rows: RowInsert) async throws -> Int {
        try database.onWriter { db in try SQLiteStatements.insert(rows, in: db) }
    }

    // SQLite has a single writer: the transaction already excludes every other.
    func lock(_ lock: WriterLock) async throws {}
}

/// Queries against one snapshot.
struct SQLiteSnapshot: SQLExecutor {
    let snapshot: DatabaseSnapshot
    var dialect: SQLDialect { .sqlite }

    func query<T: Sendable>(_ sql: StorageSQL.SQL, _ map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        try await snapshot.read { db in try SQLiteStatements.query(sql, map, in: db) }
    }

    func execute(_ sql: StorageSQL.SQL) async throws -> Int { throw StoreError.unavailable("a read snapshot cannot write") }
    func insert<T: Sendable>(_ rows: RowInsert, returning map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        throw StoreError.unavailable("a read snapshot cannot write")
    }
    func insert(_ rows: RowInsert) async throws -> Int { throw StoreError.unavailable("a read snapshot cannot write") }
    func lock(_ lock: WriterLock) async throws {}
}

/// Lets one write transaction at a time hold the writer connection, first come first served.
actor WriterQueue {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private func acquire() async {
        if busy { await withCheckedContinuation { waiting.append($0) } } else { busy = true }
    }

    /// Hands the writer to the next in line (it stays busy) or frees it.
    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    nonisolated func holding<T>(_ work: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await work()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}

/// The embedded store: the shared store over one SQLite file.
public enum SQLiteStore {
    public static func open(path: String, hasher: any AuditChainHasher) throws -> SQLStore {
        SQLStore(backend: try SQLiteDatabase(path: path), hasher: hasher)
    }
}
