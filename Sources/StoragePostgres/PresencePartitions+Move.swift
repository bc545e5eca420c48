import Logging
import PostgresNIO
import StorageSQL

extension PresencePartitions {
    /// Rows moved per transaction.
    static let moveChunk = 500_000

    /// Migration v36 left the rows of the unpartitioned table in `presence_unpartitioned`: they move
    /// into the day partitions oldest first, a chunk per transaction under the presence writers'
    /// lock (an interrupted move goes on at the next start, and instances starting together take
    /// turns), with a line of progress per chunk; the emptied table is dropped.
    static func moveRows(_ client: PostgresClient, partitions: PresencePartitions, logger: Logger) async throws {
        guard let total = try await remaining(client, logger: logger) else { return }
        logger.info("moving \(total) presence events into day partitions")
        var moved = 0
        while true {
            let n = try await client.withTransaction(logger: logger) { connection -> Int in
                try await connection.query("SELECT pg_advisory_xact_lock(\(WriterLock.presence.rawValue))", logger: logger)
                guard try await exists(connection, logger: logger) else { return 0 }
                let lastQuery: PostgresQuery = "SELECT max(seq) FROM (SELECT seq FROM presence_unpartitioned ORDER BY seq LIMIT \(moveChunk)) chunk"
                guard let last = try await connection.query(lastQuery, logger: logger).collect().first?.decode(Int64?.self) ?? nil else {
                    try await connection.query("DROP TABLE presence_unpartitioned", logger: logger)
                    return 0
                }
                var days = Set<Int64>()
                let daysQuery: PostgresQuery = "SELECT DISTINCT floor(end_at / 86400.0)::bigint FROM presence_unpartitioned WHERE seq <= \(last)"
                for try await day in try await connection.query(daysQuery, logger: logger).decode(Int64.self) { days.insert(day) }
                try await partitions.prepare(days, of: "presence", on: connection, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO presence (seq, id, person, place, start_at, end_at, seat, source)
                    SELECT seq, id, person, place, start_at, end_at, seat, source FROM presence_unpartitioned WHERE seq <= \(last) ORDER BY seq
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                return try await connection.query("DELETE FROM presence_unpartitioned WHERE seq <= \(last)", logger: logger).get().metadata.rows ?? 0
            }
            guard n > 0 else { break }
            moved += n
            logger.info("moved \(moved) of \(total) presence events into day partitions (\(total > 0 ? moved * 100 / total : 100)%)")
        }
    }

    /// How many rows are left to move, nil when there is nothing to move.
    private static func remaining(_ client: PostgresClient, logger: Logger) async throws -> Int? {
        try await client.withConnection { connection in
            guard try await exists(connection, logger: logger) else { return nil }
            return try await connection.query("SELECT count(*) FROM presence_unpartitioned", logger: logger).collect().first?.decode(Int.self) ?? 0
        }
    }

    private static func exists(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.query("SELECT to_regclass('presence_unpartitioned') IS NOT NULL", logger: logger).collect().first?.decode(Bool.self) ?? false
    }
}
