import Domain
import Foundation
import GRDB
import Logging
import PostgresNIO
import Privacy
import ServiceLifecycle
import StoragePostgres
import StorageSQLite

/// The databases the contract tests run on: SQLite always, PostgreSQL when
/// `CORDON_TEST_DATABASE_URL` names a server (scripts/test.sh and CI start one).
public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    public static var available: [Backend] {
        testDatabaseURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static var testDatabaseURL: String? {
        let url = ProcessInfo.processInfo.environment["CORDON_TEST_DATABASE_URL"]
        return url?.isEmpty == false ? url : nil
    }
}

/// A fresh, empty, migrated store for one test, and where it lives.
public struct FreshStore: Sendable {
    public let store: any CordonStore
    /// The SQLite file, or nil on PostgreSQL.
    public let sqlitePath: String?
    /// The PostgreSQL URL of the test's own database, or nil on SQLite.
    public let databaseURL: String?
    public let directory: URL
    /// The personal-data keys the store's audit chain is keyed with (a vault for the test takes them too).
    public let keys: KeyMaterial

    /// SQLite: a new file in a new temporary directory. PostgreSQL: a new database on the test server.
    public static func make(_ backend: Backend, keys: KeyMaterial = .generate()) async throws -> FreshStore {
        let hasher = PersonalDataVault(keyMaterial: keys).auditChainHasher
        let directory = try TestDirectory.make()
        switch backend {
        case .sqlite:
            let path = directory.appendingPathComponent("cordon.sqlite").path
            return FreshStore(store: try SQLiteStore.open(path: path, hasher: hasher), sqlitePath: path, databaseURL: nil, directory: directory, keys: keys)
        case .postgres:
            let url = try await createDatabase()
            let (store, pool) = try PostgresStore.open(url: url, hasher: hasher)
            // The test owns the pool for as long as the store is open: `store.close()` ends `run()`.
            Task { try await pool.run() }
            try await store.migrate()
            return FreshStore(store: store, sqlitePath: nil, databaseURL: url, directory: directory, keys: keys)
        }
    }

    /// A second store on the same database, as another process would open it (its own SQLite
    /// connections, or its own PostgreSQL pool).
    public func another() async throws -> any CordonStore {
        let hasher = PersonalDataVault(keyMaterial: keys).auditChainHasher
        if let sqlitePath { return try SQLiteStore.open(path: sqlitePath, hasher: hasher) }
        guard let databaseURL else { throw TestSupportError("no database") }
        let (store, pool) = try PostgresStore.open(url: databaseURL, hasher: hasher)
        Task { try await pool.run() }
        try await store.migrate()
        return store
    }

    /// Creates `cordon_t_<random>` next to the database named by CORDON_TEST_DATABASE_URL.
    public static func createDatabase() async throws -> String {
        guard let base = Backend.testDatabaseURL, var components = URLComponents(string: base) else {
            throw TestSupportError("CORDON_TEST_DATABASE_URL is not set")
        }
        let name = "cordon_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await withAdminClient(base) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        components.path = "/" + name
        guard let url = components.string else { throw TestSupportError("bad test database URL") }
        return url
    }

    /// Runs one SQL statement on the test's database from a connection of its own, beside the
    /// store's (to break a table the way a failing disk would, and to mend it again).
    public func execute(_ sql: String) async throws {
        if let sqlitePath {
            let queue = try DatabaseQueue(path: sqlitePath)
            try await queue.write { db in try db.execute(sql: sql) }
            try queue.close()
        } else {
            _ = try await postgresExecute(sql)
        }
    }

    /// Runs raw SQL on the test's PostgreSQL database (to play an attacker who edits rows).
    public func postgresExecute(_ sql: String) async throws -> [String] {
        guard let databaseURL else { throw TestSupportError("not a PostgreSQL store") }
        return try await withAdminClient(databaseURL) { client in
            var out: [String] = []
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql)) {
                out.append(row.makeRandomAccess().map { cell in (try? cell.decode(String.self)) ?? "" }.joined(separator: "|"))
            }
            return out
        }
    }
}

/// Connects a short-lived client to `url`, runs `body`, and shuts the client down.
func withAdminClient<T: Sendable>(_ url: String, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
    guard let c = URLComponents(string: url), let host = c.host, let user = c.user else { throw TestSupportError("bad URL \(url)") }
    let db = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
    let client = PostgresClient(
        configuration: .init(host: host, port: c.port ?? 5432, username: user, password: c.password, database: db, tls: .disable))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        return try await body(client)
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
