import Foundation

/// A message waiting to be sent (SMS today; webhooks in the alerts issue). Written in the same
/// transaction as the change that caused it, so a crash never loses or invents a notification.
public struct OutboxMessage: Sendable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable { case pending, sent, failed }

    public var id: String
    public var createdAt: Date
    public var channel: String
    /// The recipient's phone, encrypted like every phone at rest.
    public var recipientSealed: Data
    public var recipientMasked: String
    public var kind: String
    /// The rendered text. One-time codes are in here, so the row is deleted once sent.
    public var body: String
    public var status: Status
    public var attempts: Int
    public var sentAt: Date?

    public init(
        id: String, createdAt: Date, channel: String, recipientSealed: Data, recipientMasked: String, kind: String, body: String,
        status: Status = .pending, attempts: Int = 0, sentAt: Date? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.channel = channel
        self.recipientSealed = recipientSealed
        self.recipientMasked = recipientMasked
        self.kind = kind
        self.body = body
        self.status = status
        self.attempts = attempts
        self.sentAt = sentAt
    }
}
