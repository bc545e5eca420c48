import Foundation
import NIOCore
import PostgresNIO
import StorageSQL

extension PostgresExecutor {
    /// A bulk load through COPY, inside the caller's transaction. New rows (a feed's next events)
    /// go straight into the table. COPY has no conflict clause, so when a row is already there, or
    /// twice in the load (a file sent again), the attempt is rolled back to a savepoint and the rows
    /// go into a temporary table, from which the conflict clause inserts the new ones in file
    /// order (the first of a repeated id is the one kept, as on SQLite).
    func load(_ rows: RowInsert) async throws -> Int {
        guard !rows.rows.isEmpty else { return 0 }
        let data = Self.copyText(rows.rows)
        try await connection.query("SAVEPOINT bulk_load", logger: logger)
        do {
            try await copy(data, into: rows.table, columns: rows.columns)
            try await connection.query("RELEASE SAVEPOINT bulk_load", logger: logger)
            return rows.rows.count
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            try await connection.query("ROLLBACK TO SAVEPOINT bulk_load", logger: logger)
        }
        let staging = rows.table + "_load"
        let columns = rows.columns.joined(separator: ", ")
        try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE TEMPORARY TABLE \(staging) ON COMMIT DROP AS SELECT \(columns) FROM \(rows.table) WITH NO DATA"), logger: logger)
        try await copy(data, into: staging, columns: rows.columns)
        let inserted = try await connection.query(
            PostgresQuery(
                unsafeSQL: "INSERT INTO \(rows.table) (\(columns)) SELECT \(columns) FROM \(staging) ORDER BY ctid \(rows.conflict)"),
            logger: logger
        ).get().metadata.rows ?? 0
        try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(staging)"), logger: logger)
        return inserted
    }

    private func copy(_ data: ByteBuffer, into table: String, columns: [String]) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            // Pieces of a megabyte: the server starts on the first while the rest is on its way.
            var rest = data
            while let piece = rest.readSlice(length: min(rest.readableBytes, 1 << 20)), piece.readableBytes > 0 {
                try await writer.write(piece)
            }
        }
    }

    /// Rows in COPY's text format: tab between columns, newline after each row, `\N` for NULL,
    /// and backslash escapes for what would otherwise end a column or a row.
    static func copyText(_ rows: [[SQLValue]]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: rows.count * 96)
        for row in rows {
            for (i, value) in row.enumerated() {
                if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                switch value {
                case .null: buffer.writeStaticString("\\N")
                case .integer(let v): buffer.writeString(String(v))
                case .real(let v): buffer.writeString(String(v))
                case .boolean(let v): buffer.writeStaticString(v ? "t" : "f")
                case .text(let v): writeEscaped(v, into: &buffer)
                case .blob(let v):
                    buffer.writeStaticString("\\\\x")
                    for byte in v { buffer.writeString(String(format: "%02x", byte)) }
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        return buffer
    }

    private static func writeEscaped(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            // Most values need no escape: one copy of the bytes.
            guard utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}
