import Domain
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode through GRDB's `DatabasePool` (one writer,
/// concurrent readers). Every mutating method is a single write transaction that also appends its
/// audit entry, so a change and its audit record are durable together or not at all.
public final class SQLiteStore: CordonStore {
    let pool: DatabasePool
    let hasher: any AuditChainHasher
    public let path: String
    private let checkpointer: WALCheckpointer

    public var backendName: String { "sqlite" }

    /// Opens (creating if needed) the database file and runs pending migrations.
    public init(path: String, hasher: any AuditChainHasher) throws {
        var config = Configuration()
        config.label = "cordon"
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // FULL: a committed import batch survives a power cut, not only a crash (DESIGN: never lose a record).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        self.pool = try DatabasePool(path: path, configuration: config)
        self.hasher = hasher
        self.path = path
        try SQLiteMigrations.migrator.migrate(pool)
        try pool.write { db in try db.execute(sql: SQLiteMigrations.lookupIndexes) }
        self.checkpointer = try WALCheckpointer(path: path)
    }

    deinit { checkpointer.stop() }

    public func schemaVersion() async throws -> Int {
        try await pool.read { db in try SQLiteMigrations.migrator.appliedIdentifiers(db).count }
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func close() async throws {
        checkpointer.stop()
        try pool.close()
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
