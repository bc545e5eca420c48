import Foundation

/// The notification outbox: messages are written with the change that causes them and sent later.
public protocol OutboxRepository: Sendable {
    func pendingMessages(limit: Int) async throws -> [OutboxMessage]
    /// Marks a message sent, blanks its body (it may hold a sign-in code) and audits the send.
    func markSent(id: String, at: Date, audit: AuditEvent) async throws
    func markFailed(id: String, attempts: Int) async throws
}
