import Foundation
import PostgresNIO

/// One bound value of a bulk insert.
enum PGValue {
    case text(String?)
    case bytes(Data?)
    case int(Int64?)
    case double(Double?)
    case bool(Bool)

    func bind(into binds: inout PostgresBindings) throws {
        switch self {
        case .text(let v): v.map { binds.append($0) } ?? binds.appendNull()
        case .bytes(let v): if let v { try binds.append(v) } else { binds.appendNull() }
        case .int(let v): v.map { binds.append($0) } ?? binds.appendNull()
        case .double(let v): v.map { binds.append($0) } ?? binds.appendNull()
        case .bool(let v): binds.append(v)
        }
    }
}

extension PostgresStore {
    /// Inserts rows with multi-row VALUES statements (a round trip per 1,000 rows instead of per row)
    /// and returns the first column of `returning` for every row actually inserted.
    func insertMany(
        into table: String, columns: [String], rows: [[PGValue]], onConflict: String = "ON CONFLICT DO NOTHING", returning: String,
        on connection: PostgresConnection
    ) async throws -> [PostgresRandomAccessRow] {
        var result: [PostgresRandomAccessRow] = []
        let perStatement = max(1, 30_000 / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var binds = PostgresBindings(capacity: chunk.count * columns.count)
            var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            var n = 0
            for (i, row) in chunk.enumerated() {
                sql += i == 0 ? "(" : ", ("
                for (j, value) in row.enumerated() {
                    n += 1
                    sql += j == 0 ? "$\(n)" : ", $\(n)"
                    try value.bind(into: &binds)
                }
                sql += ")"
            }
            sql += " \(onConflict) RETURNING \(returning)"
            result += try await self.rows(PostgresQuery(unsafeSQL: sql, binds: binds), on: connection)
            start += perStatement
        }
        return result
    }
}
