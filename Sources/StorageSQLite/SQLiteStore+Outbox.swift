import Domain
import Foundation
import GRDB

extension SQLiteStore {
    func enqueue(_ m: OutboxMessage, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO outbox (id, created_at, channel, recipient_sealed, recipient_masked, kind, body, status, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [m.id, m.createdAt.milliseconds, m.channel, m.recipientSealed, m.recipientMasked, m.kind, m.body, m.status.rawValue, m.attempts])
    }

    public func pendingMessages(limit: Int) async throws -> [OutboxMessage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE status = 'pending' ORDER BY created_at LIMIT ?", arguments: [limit]).map { row in
                OutboxMessage(
                    id: row["id"], createdAt: Date(milliseconds: row["created_at"]), channel: row["channel"], recipientSealed: row["recipient_sealed"],
                    recipientMasked: row["recipient_masked"], kind: row["kind"], body: row["body"],
                    status: OutboxMessage.Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
                    sentAt: (row["sent_at"] as Int64?).map(Date.init(milliseconds:)))
            }
        }
    }

    public func markSent(id: String, at: Date, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'sent', sent_at = ?, body = '', attempts = attempts + 1 WHERE id = ?", arguments: [at.milliseconds, id])
            try self.append(audit, in: db)
        }
    }

    public func markFailed(id: String, attempts: Int) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = ?, status = CASE WHEN ? >= 10 THEN 'failed' ELSE status END WHERE id = ?",
                arguments: [attempts, attempts, id])
        }
    }
}
