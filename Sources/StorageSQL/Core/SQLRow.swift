import Foundation

/// One result row, as both GRDB's `Row` and PostgresNIO's rows can present it: so each mapper
/// from a row to a domain value is written once.
public protocol SQLRow {
    func text(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int64?
    func real(_ column: String) throws -> Double?
    func blob(_ column: String) throws -> Data?
    func boolean(_ column: String) throws -> Bool?
    /// By position, for the loops that read millions of rows (no look-up by name).
    func text(at index: Int) throws -> String?
    func integer(at index: Int) throws -> Int64?
    func real(at index: Int) throws -> Double?
    func blob(at index: Int) throws -> Data?
    func boolean(at index: Int) throws -> Bool?
}

/// A column the store can read: text, integers, reals, bytes and booleans.
public protocol SQLColumn {
    static func read(_ row: any SQLRow, _ column: String) throws -> Self?
    static func read(_ row: any SQLRow, at index: Int) throws -> Self?
}

/// A NULL where the schema promises a value: the database was changed behind Cordon's back.
public struct SQLDecodingError: Error, CustomStringConvertible {
    public let column: String
    public init(column: String) { self.column = column }
    public var description: String { "column \(column) is NULL where a value is required" }
}

extension SQLRow {
    public func value<T: SQLColumn>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = try T.read(self, column) else { throw SQLDecodingError(column: column) }
        return value
    }

    public func value<T: SQLColumn>(_ column: String, as type: T?.Type = T?.self) throws -> T? {
        try T.read(self, column)
    }

    public func value<T: SQLColumn>(at index: Int, as type: T.Type = T.self) throws -> T {
        guard let value = try T.read(self, at: index) else { throw SQLDecodingError(column: "#\(index)") }
        return value
    }

    public func value<T: SQLColumn>(at index: Int, as type: T?.Type = T?.self) throws -> T? {
        try T.read(self, at: index)
    }
}

extension String: SQLColumn {
    public static func read(_ row: any SQLRow, _ column: String) throws -> String? { try row.text(column) }
    public static func read(_ row: any SQLRow, at index: Int) throws -> String? { try row.text(at: index) }
}

extension Int64: SQLColumn {
    public static func read(_ row: any SQLRow, _ column: String) throws -> Int64? { try row.integer(column) }
    public static func read(_ row: any SQLRow, at index: Int) throws -> Int64? { try row.integer(at: index) }
}

extension Int: SQLColumn {
    public static func read(_ row: any SQLRow, _ column: String) throws -> Int? { try row.integer(column).map { Int($0) } }
    public static func read(_ row: any SQLRow, at index: Int) throws -> Int? { try row.integer(at: index).map { Int($0) } }
}

extension Double: SQLColumn {
    public static func read(_ row: any SQLRow, _ column: String) throws -> Double? { try row.real(column) }
    public static func read(_ row: any SQLRow, at index: Int) throws -> Double? { try row.real(at: index) }
}

extension Data: SQLColumn {
    public static func read(_ row: any SQLRow, _ column: String) throws -> Data? { try row.blob(column) }
    public static func read(_ row: any SQLRow, at index: Int) throws -> Data? { try row.blob(at: index) }
}

extension Bool: SQLColumn {
    public static func read(_ row: any SQLRow, _ column: String) throws -> Bool? { try row.boolean(column) }
    public static func read(_ row: any SQLRow, at index: Int) throws -> Bool? { try row.boolean(at: index) }
}
