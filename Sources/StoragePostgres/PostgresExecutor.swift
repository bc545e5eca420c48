import Foundation
import Logging
import PostgresNIO
import StorageSQL

/// Statements on one connection (inside a transaction, or leased for one statement).
struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger
    /// The database's record of day partitions.
    let partitions: PresencePartitions
    var dialect: SQLDialect { .postgres }

    func prepareDays(_ days: Set<Int64>, of table: String) async throws {
        try await partitions.prepare(days, of: table, on: connection, logger: logger)
    }

    func dropDays(endedBefore cutoff: Int64, of table: String) async throws -> Int {
        try await partitions.drop(endedBefore: cutoff, of: table, on: connection, logger: logger)
    }

    func query<T: Sendable>(_ sql: SQL, _ map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        var result: [T] = []
        for try await row in try await connection.query(try Self.query(sql), logger: logger) {
            result.append(try map(PostgresRowView(row: row.makeRandomAccess())))
        }
        return result
    }

    func execute(_ sql: SQL) async throws -> Int {
        // The future-based call is the one that reports the command tag (rows changed).
        try await connection.query(try Self.query(sql), logger: logger).get().metadata.rows ?? 0
    }

    func insert<T: Sendable>(_ rows: RowInsert, returning map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        var result: [T] = []
        for query in try Self.statements(rows) {
            for try await row in try await connection.query(query, logger: logger) {
                result.append(try map(PostgresRowView(row: row.makeRandomAccess())))
            }
        }
        return result
    }

    func insert(_ rows: RowInsert) async throws -> Int {
        var count = rows
        count.returning = nil
        var inserted = 0
        for query in try Self.statements(count) {
            inserted += try await connection.query(query, logger: logger).get().metadata.rows ?? 0
        }
        return inserted
    }

    /// Multi-row VALUES: a round trip per statement, each under PostgreSQL's 65,535 binds.
    static func statements(_ rows: RowInsert) throws -> [PostgresQuery] {
        let perStatement = max(1, 30_000 / max(1, rows.columns.count))
        return try stride(from: 0, to: rows.rows.count, by: perStatement).map { start in
            let chunk = rows.rows[start..<min(rows.rows.count, start + perStatement)]
            var binds = PostgresBindings(capacity: chunk.count * rows.columns.count)
            for row in chunk { for value in row { try bind(value, into: &binds) } }
            return PostgresQuery(unsafeSQL: rows.text(rows: chunk.count, for: .postgres), binds: binds)
        }
    }

    func lock(_ lock: WriterLock) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(lock.rawValue))", logger: logger)
    }

    static func query(_ sql: SQL) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: sql.binds.count)
        for value in sql.binds { try bind(value, into: &binds) }
        return PostgresQuery(unsafeSQL: sql.text(for: .postgres), binds: binds)
    }

    static func bind(_ value: SQLValue, into binds: inout PostgresBindings) throws {
        switch value {
        case .null: binds.appendNull()
        case .integer(let v): binds.append(v)
        case .real(let v): binds.append(v)
        case .text(let v): binds.append(v)
        case .blob(let v): try binds.append(v)
        case .boolean(let v): binds.append(v)
        }
    }
}

/// PostgresNIO's row as the shared layer reads it.
struct PostgresRowView: SQLRow {
    let row: PostgresRandomAccessRow

    func text(_ column: String) throws -> String? { try row[column].decode(String?.self) }
    func integer(_ column: String) throws -> Int64? { try row[column].decode(Int64?.self) }
    func real(_ column: String) throws -> Double? { try row[column].decode(Double?.self) }
    func blob(_ column: String) throws -> Data? { try row[column].decode(Data?.self) }
    func boolean(_ column: String) throws -> Bool? { try row[column].decode(Bool?.self) }
    func text(at index: Int) throws -> String? { try row[index].decode(String?.self) }
    func integer(at index: Int) throws -> Int64? { try row[index].decode(Int64?.self) }
    func real(at index: Int) throws -> Double? { try row[index].decode(Double?.self) }
    func blob(at index: Int) throws -> Data? { try row[index].decode(Data?.self) }
    func boolean(at index: Int) throws -> Bool? { try row[index].decode(Bool?.self) }
}
