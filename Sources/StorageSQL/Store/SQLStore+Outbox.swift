import Domain
import Foundation

extension SQLStore {
    /// Queues a message inside the caller's transaction, with the change that causes it.
    func enqueue(_ m: OutboxMessage, in tx: any SQLExecutor) async throws {
        try await tx.execute(
            """
            INSERT INTO outbox (id, created_at, channel, recipient_sealed, recipient_masked, kind, body, status, attempts, person, fact_key, next_attempt_at, priority)
            VALUES (\(m.id), \(m.createdAt.milliseconds), \(m.channel.rawValue), \(m.recipientSealed), \(m.recipientMasked), \(m.kind.rawValue), \(m.body),
                    \(m.status.rawValue), \(m.attempts), \(m.person), \(m.factKey), \((m.nextAttemptAt ?? m.createdAt).milliseconds), \(m.kind.priority))
            """)
    }

    public func pendingMessages(limit: Int) async throws -> [OutboxMessage] {
        try await db.query("SELECT * FROM outbox WHERE status = 'pending' ORDER BY created_at, id LIMIT \(limit)", OutboxMessage.init(row:))
    }

    public func claimDueMessages(at now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxMessage] {
        let until = now.addingTimeInterval(lease).milliseconds
        // One write transaction: on SQLite a second process's claim waits for this one and sees the new
        // times. PostgreSQL's SKIP LOCKED lets two instances claiming at once take different messages
        // instead of waiting (SQLite has no row locks, nor the clause).
        let claimed = try await db.write { tx in
            try await tx.query(
                """
                UPDATE outbox SET next_attempt_at = \(until) WHERE id IN (
                    SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= \(now.milliseconds)
                    ORDER BY priority, next_attempt_at, created_at, id LIMIT \(limit) \(raw: tx.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""))
                RETURNING *
                """, OutboxMessage.init(row:))
        }
        // Sign-in codes first, then answers, then bulk alerts; oldest first within each.
        return claimed.sorted { ($0.kind.priority, $0.createdAt, $0.id) < ($1.kind.priority, $1.createdAt, $1.id) }
    }

    public func enqueueAlerts(_ messages: [OutboxMessage], window: TimeInterval, audit: AuditEvent?) async throws -> [OutboxMessage] {
        try await db.write { tx in
            // One writer of alerts at a time, so two instances cannot both queue the same fact.
            try await tx.lock(.outbox)
            var queued: [OutboxMessage] = []
            for m in messages {
                if let key = m.factKey, try await tx.first("SELECT 1 FROM outbox WHERE fact_key = \(key)", { _ in () }) != nil { continue }
                if let person = m.person {
                    let since = m.createdAt.addingTimeInterval(-window).milliseconds
                    let recent = try await tx.first(
                        "SELECT 1 FROM outbox WHERE person = \(person) AND kind = \(m.kind.rawValue) AND created_at > \(since)", { _ in () })
                    if recent != nil { continue }
                }
                try await self.enqueue(m, in: tx)
                queued.append(m)
            }
            if let audit, !queued.isEmpty { try await self.append(audit, in: tx) }
            return queued
        }
    }

    public func markSent(id: String, at: Date, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.execute(
                "UPDATE outbox SET status = 'sent', sent_at = \(at.milliseconds), body = '', attempts = attempts + 1, last_error = NULL WHERE id = \(id)")
            try await self.append(audit, in: tx)
        }
    }

    public func markFailed(id: String, attempts: Int, retryAt: Date?, error: String, audit: AuditEvent) async throws {
        let status = retryAt == nil ? "failed" : "pending"
        // A message given up on is never due again; its time is the failure's (the caller's clock).
        let next = (retryAt ?? audit.at).milliseconds
        try await db.write { tx in
            // A message given up on keeps no text: a sign-in code or a health notice has no use left.
            try await tx.execute(
                """
                UPDATE outbox SET attempts = \(attempts), status = \(status), next_attempt_at = \(next), last_error = \(error),
                    body = CASE WHEN \(status) = 'failed' THEN '' ELSE body END WHERE id = \(id)
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func outboxCounts() async throws -> [(kind: String, status: OutboxMessage.Status, count: Int)] {
        try await db.query("SELECT kind, status, count(*) AS n FROM outbox GROUP BY kind, status ORDER BY kind, status") { row in
            (kind: try row.value("kind", as: String.self), status: OutboxMessage.Status(rawValue: try row.value("status")) ?? .pending,
             count: try row.value("n", as: Int.self))
        }
    }
}

extension OutboxMessage {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), createdAt: Date(milliseconds: try row.value("created_at")), channel: try AlertChannel.stored(try row.value("channel")),
            recipientSealed: try row.value("recipient_sealed"), recipientMasked: try row.value("recipient_masked"),
            kind: try AlertKind.stored(try row.value("kind")), body: try row.value("body"),
            status: OutboxMessage.Status(rawValue: try row.value("status")) ?? .pending, attempts: try row.value("attempts"),
            sentAt: try row.value("sent_at", as: Int64?.self).map(Date.init(milliseconds:)), person: try row.value("person"),
            factKey: try row.value("fact_key"), nextAttemptAt: Date(milliseconds: try row.value("next_attempt_at")), lastError: try row.value("last_error"))
    }
}
