/// One statement with its bound values, written once for both databases.
///
/// Written as a string with interpolations, like PostgresNIO's `PostgresQuery`: `\(value)` becomes
/// a placeholder and a bind (never text in the SQL, so no injection), `\(raw: text)` is pasted as
/// is (table names, column lists chosen by code). Each backend renders the placeholders it speaks:
/// `?` for SQLite, `$1…$n` for PostgreSQL.
public struct SQL: Sendable, Hashable {
    /// Text between placeholders: `fragments.count == binds.count + 1`.
    public private(set) var fragments: [String] = [""]
    public private(set) var binds: [SQLValue] = []

    public init(raw text: String) { fragments = [text] }

    public mutating func append(_ other: SQL) {
        fragments[fragments.count - 1] += other.fragments[0]
        fragments += other.fragments.dropFirst()
        binds += other.binds
    }

    public mutating func append(raw text: String) { fragments[fragments.count - 1] += text }

    public mutating func bind(_ value: SQLValue) {
        binds.append(value)
        fragments.append("")
    }

    /// The statement's text with this dialect's placeholders.
    public func text(for dialect: SQLDialect) -> String {
        var text = fragments[0]
        for (i, fragment) in fragments.dropFirst().enumerated() {
            text += dialect.placeholder(i + 1)
            text += fragment
        }
        return text
    }

    /// Values joined by commas, each bound: `IN (\(list: ids))`.
    public static func list(_ values: [some SQLBindable]) -> SQL {
        var sql = SQL(raw: "")
        for (i, value) in values.enumerated() {
            if i > 0 { sql.append(raw: ", ") }
            sql.bind(value.sqlValue)
        }
        return sql
    }
}

extension SQL: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self.init(raw: value) }
    public init(stringInterpolation: StringInterpolation) { self = stringInterpolation.sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = SQL(raw: "")
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { sql.append(raw: literal) }
        public mutating func appendInterpolation(_ value: some SQLBindable) { sql.bind(value.sqlValue) }
        public mutating func appendInterpolation(raw text: String) { sql.append(raw: text) }
        public mutating func appendInterpolation(_ fragment: SQL) { sql.append(fragment) }
        public mutating func appendInterpolation(list values: [some SQLBindable]) { sql.append(.list(values)) }
    }
}

/// What differs in the text of a statement between the two databases.
public enum SQLDialect: String, Sendable {
    case sqlite, postgres

    /// Makes a text expression compare bytewise (UTF-8 order) whatever the database's collation:
    /// PostgreSQL needs `COLLATE "C"` (and an index declared with it); SQLite compares so already.
    public var bytewise: String {
        switch self {
        case .sqlite: ""
        case .postgres: #" COLLATE "C""#
        }
    }

    func placeholder(_ n: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(n)"
        }
    }
}
