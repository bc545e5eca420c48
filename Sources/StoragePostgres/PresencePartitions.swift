import Domain
import Logging
import PostgresNIO
import Synchronization

/// Day partitions of tables partitioned by `end_at` (presence): `presence_20261101` holds the rows
/// whose stay ended on 2026-11-01 (UTC). Made before the first row of a day is written, dropped
/// whole by retention. The days known to exist are remembered per process, so a batch of a day
/// already seen costs no query.
final class PresencePartitions: Sendable {
    private let known = Mutex(Set<String>())

    static func name(_ table: String, day: Int64) -> String {
        let date = CalendarDate(daysSinceEpoch: Int(day))
        return table + "_" + date.description.replacingOccurrences(of: "-", with: "")
    }

    /// The day of a partition's name, nil for any other table (the default partition).
    static func day(of name: String, table: String) -> Int64? {
        guard name.hasPrefix(table + "_") else { return nil }
        let digits = name.dropFirst(table.count + 1)
        guard digits.count == 8, digits.allSatisfy(\.isNumber), let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
            let dayOfMonth = Int(digits.suffix(2)), let date = CalendarDate(year: year, month: month, day: dayOfMonth)
        else { return nil }
        return Int64(date.daysSinceEpoch)
    }

    /// Makes the missing partitions of `days`. Callers hold the table's writer lock, so two
    /// instances never create the same one at once.
    func prepare(_ days: Set<Int64>, of table: String, on connection: PostgresConnection, logger: Logger) async throws {
        let missing = known.withLock { known in days.map { (day: $0, name: Self.name(table, day: $0)) }.filter { !known.contains($0.name) } }
        guard !missing.isEmpty else { return }
        var existing = Set<String>()
        let names = missing.map(\.name)
        for try await name in try await connection.query("SELECT relname FROM pg_class WHERE relname = ANY(\(names))", logger: logger).decode(String.self) {
            existing.insert(name)
        }
        for (day, name) in missing where !existing.contains(name) {
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE TABLE IF NOT EXISTS \(name) PARTITION OF \(table) FOR VALUES FROM (\(day * 86400)) TO (\((day + 1) * 86400))"),
                logger: logger)
        }
        known.withLock { $0.formUnion(names) }
    }

    func forgetAll() {
        known.withLock { $0.removeAll() }
    }

    /// Drops the partitions whose whole day lies before `cutoff`, returning how many rows they held.
    func drop(endedBefore cutoff: Int64, of table: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var partitions: [String] = []
        let query: PostgresQuery = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = \(table)::regclass"
        for try await name in try await connection.query(query, logger: logger).decode(String.self) {
            if let day = Self.day(of: name, table: table), (day + 1) * 86400 <= cutoff { partitions.append(name) }
        }
        var rows = 0
        for name in partitions.sorted() {
            // The count is for the audit; the drop itself costs the same for any number of rows.
            rows += try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(name)"), logger: logger).collect().first?.decode(Int.self) ?? 0
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(name)"), logger: logger)
        }
        known.withLock { known in known.subtract(partitions) }
        return rows
    }
}
