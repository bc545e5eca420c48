import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    func enqueue(_ m: OutboxMessage, on connection: PostgresConnection) async throws {
        let next = (m.nextAttemptAt ?? m.createdAt).milliseconds
        try await connection.query(
            """
            INSERT INTO outbox (id, created_at, channel, recipient_sealed, recipient_masked, kind, body, status, attempts, person, fact_key, next_attempt_at)
            VALUES (\(m.id), \(m.createdAt.milliseconds), \(m.channel.rawValue), \(m.recipientSealed), \(m.recipientMasked), \(m.kind.rawValue), \(m.body),
                    \(m.status.rawValue), \(m.attempts), \(m.person), \(m.factKey), \(next))
            """, logger: logger)
    }

    static func message(_ row: PostgresRandomAccessRow) throws -> OutboxMessage {
        OutboxMessage(
            id: try row.value("id"), createdAt: Date(milliseconds: try row.value("created_at")), channel: try AlertChannel.stored(try row.value("channel")),
            recipientSealed: try row.value("recipient_sealed"), recipientMasked: try row.value("recipient_masked"), kind: try AlertKind.stored(try row.value("kind")),
            body: try row.value("body"), status: OutboxMessage.Status(rawValue: try row.value("status")) ?? .pending,
            attempts: Int(try row.value("attempts", as: Int32.self)), sentAt: try row.value("sent_at", as: Int64?.self).map(Date.init(milliseconds:)),
            person: try row.value("person"), factKey: try row.value("fact_key"), nextAttemptAt: Date(milliseconds: try row.value("next_attempt_at")),
            lastError: try row.value("last_error"))
    }

    public func pendingMessages(limit: Int) async throws -> [OutboxMessage] {
        try await rows("SELECT * FROM outbox WHERE status = 'pending' ORDER BY created_at, id LIMIT \(limit)").map(Self.message)
    }

    public func claimDueMessages(at now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxMessage] {
        let until = now.addingTimeInterval(lease).milliseconds
        // SKIP LOCKED: two instances claiming at once take different messages instead of waiting.
        let claimed = try await transaction { connection in
            try await self.rows(
                """
                UPDATE outbox SET next_attempt_at = \(until) WHERE id IN (
                    SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= \(now.milliseconds)
                    ORDER BY next_attempt_at, created_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING *
                """, on: connection
            ).map(Self.message)
        }
        return claimed.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    public func enqueueAlerts(_ messages: [OutboxMessage], window: TimeInterval, audit: AuditEvent?) async throws -> [OutboxMessage] {
        try await transaction { connection in
            // One writer of alerts at a time, so two instances cannot both queue the same fact.
            try await connection.query("SELECT pg_advisory_xact_lock(727004)", logger: self.logger)
            var queued: [OutboxMessage] = []
            for m in messages {
                if let key = m.factKey, try await !self.rows("SELECT 1 AS one FROM outbox WHERE fact_key = \(key)", on: connection).isEmpty { continue }
                if let person = m.person {
                    let since = m.createdAt.addingTimeInterval(-window).milliseconds
                    let recent = try await self.rows(
                        "SELECT 1 AS one FROM outbox WHERE person = \(person) AND kind = \(m.kind.rawValue) AND created_at > \(since)", on: connection)
                    if !recent.isEmpty { continue }
                }
                try await self.enqueue(m, on: connection)
                queued.append(m)
            }
            if let audit, !queued.isEmpty { try await self.append(audit, on: connection) }
            return queued
        }
    }

    public func markSent(id: String, at: Date, audit: AuditEvent) async throws {
        try await transaction { connection in
            try await connection.query(
                "UPDATE outbox SET status = 'sent', sent_at = \(at.milliseconds), body = '', attempts = attempts + 1, last_error = NULL WHERE id = \(id)",
                logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func markFailed(id: String, attempts: Int, retryAt: Date?, error: String, audit: AuditEvent) async throws {
        let status = retryAt == nil ? "failed" : "pending"
        let next = (retryAt ?? Date()).milliseconds
        try await transaction { connection in
            try await connection.query(
                "UPDATE outbox SET attempts = \(attempts), status = \(status), next_attempt_at = \(next), last_error = \(error) WHERE id = \(id)",
                logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func outboxCounts() async throws -> [(kind: String, status: OutboxMessage.Status, count: Int)] {
        try await rows("SELECT kind, status, count(*) AS n FROM outbox GROUP BY kind, status ORDER BY kind, status").map {
            (try $0.value("kind"), OutboxMessage.Status(rawValue: try $0.value("status")) ?? .pending, Int(try $0.value("n", as: Int64.self)))
        }
    }
}
