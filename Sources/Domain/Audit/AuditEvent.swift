import Foundation

/// Something that must be written to the audit log: who did what to which record, and why.
public struct AuditEvent: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var action: String
    public var subjectKind: String
    public var subjectID: String
    public var detail: String

    public init(at: Date, actor: String, action: String, subjectKind: String = "", subjectID: String = "", detail: String = "") {
        self.at = at
        self.actor = actor
        self.action = action
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.detail = detail
    }
}
