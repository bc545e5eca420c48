import Foundation
import GRDB
import GRDBSQLite

/// Binds and steps one prepared statement through the SQLite C API.
///
/// Bulk inserts (a million residents) spend more time in GRDB's `StatementArguments` — an array of
/// boxed `DatabaseValue`s per row — than in SQLite itself; binding each column directly removes
/// that. Only for the insert loops of imports; everything else goes through GRDB.
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

    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
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

    func bind(_ index: Int32, _ blob: Data?) {
        guard let blob else {
            sqlite3_bind_null(handle, index)
            return
        }
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// Runs the statement to completion and returns how many rows it changed.
    func run() throws -> Int {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
        }
        return Int(sqlite3_changes(connection))
    }
}

extension RowBinder {
    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }
}
