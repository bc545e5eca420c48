import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    func enqueue(_ m: OutboxMessage, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO outbox (id, created_at, channel, recipient_sealed, recipient_masked, kind, body, status, attempts)
            VALUES (\(m.id), \(m.createdAt.milliseconds), \(m.channel), \(m.recipientSealed), \(m.recipientMasked), \(m.kind), \(m.body),
                    \(m.status.rawValue), \(m.attempts))
            """, logger: logger)
    }

    public func pendingMessages(limit: Int) async throws -> [OutboxMessage] {
        try await rows("SELECT * FROM outbox WHERE status = 'pending' ORDER BY created_at LIMIT \(limit)").map { row in
            OutboxMessage(
                id: try row.value("id"), createdAt: Date(milliseconds: try row.value("created_at")), channel: try row.value("channel"),
                recipientSealed: try row.value("recipient_sealed"), recipientMasked: try row.value("recipient_masked"), kind: try row.value("kind"),
                body: try row.value("body"), status: OutboxMessage.Status(rawValue: try row.value("status")) ?? .pending,
                attempts: Int(try row.value("attempts", as: Int32.self)), sentAt: try row.value("sent_at", as: Int64?.self).map(Date.init(milliseconds:)))
        }
    }

    public func markSent(id: String, at: Date, audit: AuditEvent) async throws {
        try await transaction { connection in
            try await connection.query(
                "UPDATE outbox SET status = 'sent', sent_at = \(at.milliseconds), body = '', attempts = attempts + 1 WHERE id = \(id)",
                logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func markFailed(id: String, attempts: Int) async throws {
        let failed = attempts >= 10
        try await client.query(
            "UPDATE outbox SET attempts = \(attempts), status = CASE WHEN \(failed) THEN 'failed' ELSE status END WHERE id = \(id)", logger: logger)
    }
}
