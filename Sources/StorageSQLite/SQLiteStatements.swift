import Foundation
import GRDB
import GRDBSQLite
import StorageSQL

/// Runs the shared layer's statements on a GRDB connection. Statements are prepared once per
/// connection and reused (`cachedStatement`): checkpoint scans run the same few many times a second.
enum SQLiteStatements {
    static func query<T>(_ sql: StorageSQL.SQL, _ map: (any SQLRow) throws -> T, in db: Database) throws -> [T] {
        let statement = try prepare(sql, in: db)
        try statement.setArguments(arguments(sql.binds))
        var result: [T] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() { result.append(try map(row)) }
        return result
    }

    static func execute(_ sql: StorageSQL.SQL, in db: Database) throws -> Int {
        let statement = try prepare(sql, in: db)
        try statement.execute(arguments: arguments(sql.binds))
        return db.changesCount
    }

    /// Statements of a fixed shape are prepared once per connection; one with a long bound list
    /// (`IN (…)` of up to a thousand ids, a different text for every length) is prepared for this
    /// call only, so the cache does not keep a statement per length for the life of the process.
    static func prepare(_ sql: StorageSQL.SQL, in db: Database) throws -> Statement {
        let text = sql.text(for: .sqlite)
        return sql.binds.count <= 32 ? try db.cachedStatement(sql: text) : try db.makeStatement(sql: text)
    }

    /// The same one-row statement per row, bound through the C API: a million-row import spends
    /// more in GRDB's boxed arguments than in SQLite itself.
    static func insert<T>(_ rows: RowInsert, _ map: (any SQLRow) throws -> T, in db: Database) throws -> [T] {
        let statement = try db.cachedStatement(sql: rows.text(rows: 1, for: .sqlite))
        let binder = try RowBinder(statement, in: db)
        var result: [T] = []
        for row in rows.rows {
            for (i, value) in row.enumerated() { binder.bind(Int32(i + 1), value) }
            try binder.step { result.append(try map($0)) }
        }
        return result
    }

    /// The same, counting the new rows (`sqlite3_changes`) instead of reading `RETURNING` rows,
    /// many rows per statement: one step runs the VDBE program for all of them, where a statement
    /// per row pays the step, the reset and their locks every time. Texts are bound from one
    /// arena, not copied by SQLite one allocation each (50 million for ten million presence rows).
    static func insert(_ rows: RowInsert, in db: Database) throws -> Int {
        var count = rows
        count.returning = nil
        let width = max(1, rows.columns.count)
        let perStatement = max(1, min(rowsPerStatement, 32_000 / width))
        var inserted = 0
        var start = 0
        var full: RowBinder? = nil
        var arena = TextArena()
        while start < count.rows.count {
            let n = min(perStatement, count.rows.count - start)
            let binder: RowBinder
            if n == perStatement {
                // The statement's text is as long as its rows: made once per call, not per statement.
                let statement = try full ?? RowBinder(db.cachedStatement(sql: count.text(rows: n, for: .sqlite)), in: db)
                full = statement
                binder = statement
            } else {
                binder = try RowBinder(db.makeStatement(sql: count.text(rows: n, for: .sqlite)), in: db)
            }
            let slice = count.rows[start..<(start + n)]
            arena.reserve(slice.reduce(0) { sum, row in row.reduce(sum) { if case .text(let t) = $1 { $0 + t.utf8.count } else { $0 } } })
            var column: Int32 = 1
            for row in slice {
                for value in row {
                    binder.bind(column, value, in: &arena)
                    column += 1
                }
            }
            defer { binder.clearBindings() }
            inserted += try binder.run()
            start += n
        }
        return inserted
    }

    /// Rows per multi-row statement: the full ones share one cached statement; the last, shorter
    /// one of a call is prepared for that call only, so the cache keeps one statement per shape.
    static let rowsPerStatement = 64

    static func arguments(_ binds: [SQLValue]) -> StatementArguments {
        StatementArguments(binds.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let v): v.databaseValue
            case .real(let v): v.databaseValue
            case .text(let v): v.databaseValue
            case .blob(let v): v.databaseValue
            case .boolean(let v): (v ? 1 : 0).databaseValue
            }
        })
    }
}

/// GRDB's row as the shared layer reads it. GRDB traps on a value of the wrong type when read by
/// subscript; `decode` throws instead, which the store reports.
extension Row: SQLRow {
    public func text(_ column: String) throws -> String? { try decode(String?.self, forColumn: column) }
    public func integer(_ column: String) throws -> Int64? { try decode(Int64?.self, forColumn: column) }
    public func real(_ column: String) throws -> Double? { try decode(Double?.self, forColumn: column) }
    public func blob(_ column: String) throws -> Data? { try decode(Data?.self, forColumn: column) }
    public func boolean(_ column: String) throws -> Bool? { try decode(Bool?.self, forColumn: column) }
    public func text(at index: Int) throws -> String? { try decode(String?.self, atIndex: index) }
    public func integer(at index: Int) throws -> Int64? { try decode(Int64?.self, atIndex: index) }
    public func real(at index: Int) throws -> Double? { try decode(Double?.self, atIndex: index) }
    public func blob(at index: Int) throws -> Data? { try decode(Data?.self, atIndex: index) }
    public func boolean(at index: Int) throws -> Bool? { try decode(Bool?.self, atIndex: index) }
}
