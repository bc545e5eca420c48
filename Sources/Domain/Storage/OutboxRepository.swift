import Foundation

/// The notification outbox: messages are written with the change that causes them and sent later.
public protocol OutboxRepository: Sendable {
    /// Every pending message, oldest first (retries waiting for their time too).
    func pendingMessages(limit: Int) async throws -> [OutboxMessage]
    /// Claims pending messages whose time has come, oldest first: each is held for `lease` (its next
    /// attempt moved to `now + lease`), so another instance on the same database does not send it too;
    /// `markSent` or `markFailed` settles it, and one whose sender died is due again after the lease.
    func claimDueMessages(at now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxMessage]
    /// Queues messages, leaving out one whose fact was announced before, or whose person got a message
    /// of the same kind less than `window` ago; returns the ones queued. One transaction, audited.
    func enqueueAlerts(_ messages: [OutboxMessage], window: TimeInterval, audit: AuditEvent?) async throws -> [OutboxMessage]
    /// Marks a message sent, blanks its body (it may hold a sign-in code) and audits the send.
    func markSent(id: String, at: Date, audit: AuditEvent) async throws
    /// Records a failed attempt: retried at `retryAt`, or given up (status failed) when nil. Audited.
    func markFailed(id: String, attempts: Int, retryAt: Date?, error: String, audit: AuditEvent) async throws
    /// How many messages are in each status, by kind: the delivery report.
    func outboxCounts() async throws -> [(kind: String, status: OutboxMessage.Status, count: Int)]
}
