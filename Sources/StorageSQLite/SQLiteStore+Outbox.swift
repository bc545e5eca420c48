import Domain
import Foundation
import GRDB

extension SQLiteStore {
    func enqueue(_ m: OutboxMessage, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO outbox (id, created_at, channel, recipient_sealed, recipient_masked, kind, body, status, attempts, person, fact_key, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                m.id, m.createdAt.milliseconds, m.channel.rawValue, m.recipientSealed, m.recipientMasked, m.kind.rawValue, m.body, m.status.rawValue, m.attempts, m.person,
                m.factKey, (m.nextAttemptAt ?? m.createdAt).milliseconds,
            ])
    }

    static func message(_ row: Row) throws -> OutboxMessage {
        OutboxMessage(
            id: row["id"], createdAt: Date(milliseconds: row["created_at"]), channel: try AlertChannel.stored(row["channel"]), recipientSealed: row["recipient_sealed"],
            recipientMasked: row["recipient_masked"], kind: try AlertKind.stored(row["kind"]), body: row["body"],
            status: OutboxMessage.Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
            sentAt: (row["sent_at"] as Int64?).map(Date.init(milliseconds:)), person: row["person"], factKey: row["fact_key"],
            nextAttemptAt: Date(milliseconds: row["next_attempt_at"]), lastError: row["last_error"])
    }

    public func pendingMessages(limit: Int) async throws -> [OutboxMessage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE status = 'pending' ORDER BY created_at, id LIMIT ?", arguments: [limit]).map(Self.message)
        }
    }

    public func claimDueMessages(at now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxMessage] {
        // One write transaction: a second process's claim waits for this one and sees the new times.
        let claimed = try await pool.write { db in
            try Row.fetchAll(
                db,
                sql: """
                    UPDATE outbox SET next_attempt_at = ? WHERE id IN (
                        SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?)
                    RETURNING *
                    """,
                arguments: [now.addingTimeInterval(lease).milliseconds, now.milliseconds, limit]
            ).map(Self.message)
        }
        return claimed.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    public func enqueueAlerts(_ messages: [OutboxMessage], window: TimeInterval, audit: AuditEvent?) async throws -> [OutboxMessage] {
        try await pool.write { db in
            var queued: [OutboxMessage] = []
            for m in messages {
                if let key = m.factKey, try Bool.fetchOne(db, sql: "SELECT 1 FROM outbox WHERE fact_key = ?", arguments: [key]) == true { continue }
                if let person = m.person,
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM outbox WHERE person = ? AND kind = ? AND created_at > ?",
                        arguments: [person, m.kind.rawValue, m.createdAt.addingTimeInterval(-window).milliseconds]) == true
                {
                    continue
                }
                try self.enqueue(m, in: db)
                queued.append(m)
            }
            if let audit, !queued.isEmpty { try self.append(audit, in: db) }
            return queued
        }
    }

    public func markSent(id: String, at: Date, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'sent', sent_at = ?, body = '', attempts = attempts + 1, last_error = NULL WHERE id = ?",
                arguments: [at.milliseconds, id])
            try self.append(audit, in: db)
        }
    }

    public func markFailed(id: String, attempts: Int, retryAt: Date?, error: String, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = ?, status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                arguments: [attempts, retryAt == nil ? "failed" : "pending", (retryAt ?? Date()).milliseconds, error, id])
            try self.append(audit, in: db)
        }
    }

    public func outboxCounts() async throws -> [(kind: String, status: OutboxMessage.Status, count: Int)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, status, count(*) AS n FROM outbox GROUP BY kind, status ORDER BY kind, status").map {
                ($0["kind"], OutboxMessage.Status(rawValue: $0["status"]) ?? .pending, $0["n"])
            }
        }
    }
}
