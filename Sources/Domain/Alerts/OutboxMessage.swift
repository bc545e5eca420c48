import Foundation

/// A message waiting to be sent. Written in the same transaction as the change that caused it (or by
/// the alert rules with the fact it is about), so a crash never loses or invents a notification.
public struct OutboxMessage: Sendable, Equatable, Identifiable {
    /// pending: waiting or retrying; sent: the gateway took it; failed: given up after the last retry.
    public enum Status: String, Sendable, Codable, CaseIterable { case pending, sent, failed }

    public var id: String
    public var createdAt: Date
    public var channel: AlertChannel
    /// The recipient's phone, encrypted like every phone at rest.
    public var recipientSealed: Data
    public var recipientMasked: String
    public var kind: AlertKind
    /// The rendered text. One-time codes are in here, so the row is deleted once sent.
    public var body: String
    public var status: Status
    public var attempts: Int
    public var sentAt: Date?
    /// The resident it is about, for de-duplication (same person, same kind, within a window).
    public var person: String?
    /// The fact it announces (`arrival:A1`…): a alert rule run again finds it there and sends nothing.
    public var factKey: String?
    /// Not before this time (a retry backs off).
    public var nextAttemptAt: Date?
    public var lastError: String?

    public init(
        id: String, createdAt: Date, channel: AlertChannel, recipientSealed: Data, recipientMasked: String, kind: AlertKind, body: String,
        status: Status = .pending, attempts: Int = 0, sentAt: Date? = nil, person: String? = nil, factKey: String? = nil,
        nextAttemptAt: Date? = nil, lastError: String? = nil
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
        self.person = person
        self.factKey = factKey
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}
