import Foundation

/// A directive down the tree (上下联动): the command centre or an officer tells every area below
/// theirs, down to a level, what to do and by when to acknowledge it; optionally a task for
/// every grid. Each recipient area acknowledges once; an acknowledgement not given by the
/// deadline escalates, a level up at a time, like a task.
public struct Directive: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var text: String
    /// Who sent it (the audit name) and their name as people read it.
    public var sender: String
    public var senderName: String
    public var areaID: String
    public var areaPath: String
    /// Recipients: every area strictly below `areaPath` down to this level.
    public var downTo: AreaLevel
    public var deadline: Date
    /// A task for every grid below was created with it.
    public var gridTasks: Bool
    public var createdAt: Date

    public init(
        id: String, text: String, sender: String, senderName: String, areaID: String, areaPath: String, downTo: AreaLevel, deadline: Date, gridTasks: Bool,
        createdAt: Date
    ) {
        (self.id, self.text, self.sender, self.senderName, self.areaID, self.areaPath) = (id, text, sender, senderName, areaID, areaPath)
        (self.downTo, self.deadline, self.gridTasks, self.createdAt) = (downTo, deadline, gridTasks, createdAt)
    }
}

/// One area a directive went to, and whether it acknowledged.
public struct DirectiveRecipient: Sendable, Equatable {
    public var directiveID: String
    public var areaID: String
    public var areaName: String
    public var areaPath: String
    public var level: AreaLevel
    public var deadline: Date
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    /// 0 while on time; then 1, 2… as the missing acknowledgement goes up the tree.
    public var escalation: Int

    public init(
        directiveID: String, areaID: String, areaName: String, areaPath: String, level: AreaLevel, deadline: Date, acknowledgedBy: String?, acknowledgedAt: Date?,
        escalation: Int
    ) {
        (self.directiveID, self.areaID, self.areaName, self.areaPath, self.level) = (directiveID, areaID, areaName, areaPath, level)
        (self.deadline, self.acknowledgedBy, self.acknowledgedAt, self.escalation) = (deadline, acknowledgedBy, acknowledgedAt, escalation)
    }

    public func isOverdue(at now: Date) -> Bool { acknowledgedAt == nil && deadline < now }
}

/// A directive with how far its acknowledgements have come.
public struct DirectiveProgress: Sendable, Equatable {
    public var directive: Directive
    public var recipients: Int
    public var acknowledged: Int
    public var overdue: Int

    public init(directive: Directive, recipients: Int, acknowledged: Int, overdue: Int) {
        (self.directive, self.recipients, self.acknowledged, self.overdue) = (directive, recipients, acknowledged, overdue)
    }
}

/// A directive as one recipient area sees it: the directive, and its own acknowledgement.
public struct ReceivedDirective: Sendable, Equatable {
    public var directive: Directive
    public var recipient: DirectiveRecipient

    public init(directive: Directive, recipient: DirectiveRecipient) { (self.directive, self.recipient) = (directive, recipient) }
}
