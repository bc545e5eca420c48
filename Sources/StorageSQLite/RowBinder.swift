import Foundation
import GRDB
import GRDBSQLite
import StorageSQL

/// Binds and steps one prepared statement through the SQLite C API.
///
/// Bulk inserts (a million residents, ten million presence events) spend more time in GRDB's
/// `StatementArguments` — an array of boxed `DatabaseValue`s per row — than in SQLite itself;
/// binding each column directly removes that. Only for the insert loops; everything else goes
/// through GRDB.
struct RowBinder {
    private let statement: Statement
    fileprivate let handle: SQLiteStatement
    private let connection: SQLiteConnection

    init(_ statement: Statement, in db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "connection closed") }
        self.statement = statement
        self.handle = statement.sqliteStatement
        self.connection = connection
    }

    /// SQLite copies the bytes before the call returns, so Swift may free them right after.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: SQLValue) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let v): sqlite3_bind_int64(handle, index, v)
        case .real(let v): sqlite3_bind_double(handle, index, v)
        case .boolean(let v): sqlite3_bind_int64(handle, index, v ? 1 : 0)
        case .blob(let blob):
            blob.withUnsafeBytes { bytes in _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient) }
        case .text(var text):
            text.withUTF8 { utf8 in
                _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress {
                        sqlite3_bind_text(handle, index, base, Int32(chars.count), Self.transient)
                    } else {
                        sqlite3_bind_text(handle, index, "", 0, Self.transient)  // empty text, not NULL
                    }
                }
            }
        }
    }

    /// Binds a value whose text lives in `arena` until the statement has run: SQLite reads it in
    /// place (`SQLITE_STATIC`) instead of copying every text into a block of its own.
    func bind(_ index: Int32, _ value: SQLValue, in arena: inout TextArena) {
        guard case .text(let text) = value else { return bind(index, value) }
        let (pointer, count) = arena.append(text)
        sqlite3_bind_text(handle, index, pointer, count, nil)
    }

    /// Drops the bindings (they may point into an arena that is about to be reused).
    func clearBindings() { sqlite3_clear_bindings(handle) }

    /// Runs a statement that returns no rows; how many rows it changed.
    func run() throws -> Int {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
        }
        return Int(sqlite3_changes(connection))
    }

    /// Runs the statement to completion, handing each `RETURNING` row to `row`.
    func step(_ row: (any SQLRow) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
            }
            try row(SteppedRow(handle: handle))
        }
    }
}

/// One buffer for the texts bound to a statement, reused statement after statement. Its storage
/// never moves while a statement's values are bound: `reserve` sizes it for them all first.
struct TextArena: ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private var used = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
    }

    deinit { base.deallocate() }

    /// Empties the arena, large enough for `bytes` (the sum of the texts' UTF-8 lengths).
    mutating func reserve(_ bytes: Int) {
        used = 0
        guard bytes > capacity else { return }
        base.deallocate()
        capacity = max(bytes, capacity * 2)
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
    }

    /// Copies the text in; where it is and how many bytes.
    mutating func append(_ text: String) -> (UnsafePointer<CChar>, Int32) {
        var text = text
        let start = base + used
        let count = text.withUTF8 { utf8 -> Int in
            precondition(used + utf8.count <= capacity, "TextArena: reserve the texts' size first")
            if let source = utf8.baseAddress { start.copyMemory(from: source, byteCount: utf8.count) }
            return utf8.count
        }
        used += count
        return (UnsafePointer(start.assumingMemoryBound(to: CChar.self)), Int32(count))
    }
}

/// The current row of a stepped statement (only valid until the next step).
private struct SteppedRow: SQLRow {
    let handle: SQLiteStatement

    private func index(_ column: String) throws -> Int {
        for i in 0..<Int(sqlite3_column_count(handle)) where String(cString: sqlite3_column_name(handle, Int32(i))) == column { return i }
        throw SQLDecodingError(column: column)
    }

    private func isNull(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL }

    func text(_ column: String) throws -> String? { try text(at: index(column)) }
    func integer(_ column: String) throws -> Int64? { try integer(at: index(column)) }
    func real(_ column: String) throws -> Double? { try real(at: index(column)) }
    func blob(_ column: String) throws -> Data? { try blob(at: index(column)) }
    func boolean(_ column: String) throws -> Bool? { try boolean(at: index(column)) }

    func text(at i: Int) throws -> String? {
        guard !isNull(i), let chars = sqlite3_column_text(handle, Int32(i)) else { return nil }
        return String(cString: chars)
    }
    func integer(at i: Int) throws -> Int64? { isNull(i) ? nil : sqlite3_column_int64(handle, Int32(i)) }
    func real(at i: Int) throws -> Double? { isNull(i) ? nil : sqlite3_column_double(handle, Int32(i)) }
    func blob(at i: Int) throws -> Data? {
        guard !isNull(i) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, Int32(i)))
        guard let bytes = sqlite3_column_blob(handle, Int32(i)) else { return Data() }
        return Data(bytes: bytes, count: count)
    }
    func boolean(at i: Int) throws -> Bool? { try integer(at: i).map { $0 != 0 } }
}
