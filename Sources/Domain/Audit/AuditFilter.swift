import Foundation

/// What an auditor narrows the log to: whose record (subject), who acted, what kind of action,
/// and when. Every part is optional; the store filters, orders (newest first), pages and counts.
public struct AuditFilter: Sendable, Equatable {
    /// A record's id: a person, an account, a task…
    public var subjectID: String?
    /// The actor as the log names it (`staff:acct-…`, `resident:…`, `cli:…`).
    public var actor: String?
    /// An action or its family: `person.read`, or `person.` for every action on people.
    public var actionPrefix: String?
    public var from: Date?
    /// Exclusive.
    public var to: Date?

    public init(subjectID: String? = nil, actor: String? = nil, actionPrefix: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.subjectID = subjectID
        self.actor = actor
        self.actionPrefix = actionPrefix
        self.from = from
        self.to = to
    }
}
