import Domain
import Foundation

struct DirectivesPage: PageModel {
    let received: [ReceivedRow]
    let hasReceived: Bool
    let overdue: [RecipientRow]
    let hasOverdue: Bool
    let sent: [SentRow]
    let hasSent: Bool
    let pager: Pager?
    let maySend: Bool
    let levels: [LevelOption]
    let typedText: String
    let typedDeadline: String
    let typedGridTasks: Bool
    let problem: String?
}

struct DirectivePage: PageModel {
    let directive: DirectiveCard
    let message: String?
    let showRecipients: Bool
    let summary: String
    let rows: [RecipientRow]
    let hasRows: Bool
    let pendingOnly: Bool
    let pager: Pager?
}

/// A directive as people read it: who sent it from where, by when, and what it says.
struct DirectiveCard: Sendable {
    let id: String
    let text: String
    let from: String
    let sent: String
    let deadline: String
    let downTo: String
    let gridTasks: Bool

    init(_ d: Directive, _ lang: Language, time: (Date) -> String) {
        id = d.id
        text = d.text
        from = d.senderName
        sent = time(d.createdAt)
        deadline = time(d.deadline)
        downTo = Strings.text("level.\(d.downTo.rawValue)", lang)
        gridTasks = d.gridTasks
    }
}

struct ReceivedRow: Sendable {
    let directive: DirectiveCard
    let acknowledged: String?
    let overdue: Bool
    let mayAcknowledge: Bool
}

struct SentRow: Sendable {
    let directive: DirectiveCard
    let progress: String
    let overdue: Int
    let hasOverdue: Bool
}

struct LevelOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// One recipient area: acknowledged by whom and when, or how late and how far it has escalated.
struct RecipientRow: Sendable {
    let area: String
    let level: String
    let state: String
    let overdue: Bool

    init(_ r: DirectiveRecipient, _ lang: Language, time: (Date) -> String, now: Date) {
        area = r.areaName
        level = Strings.text("level.\(r.level.rawValue)", lang)
        overdue = r.isOverdue(at: now)
        if let at = r.acknowledgedAt {
            state = Strings.text("directives_acknowledgedAt", lang, time(at))
        } else if overdue {
            state = Strings.text("directives_overdueSince", lang, time(r.deadline)) + (r.escalation > 0 ? " · " + Strings.text("directives_escalated", lang, "\(r.escalation)") : "")
        } else {
            state = Strings.text("directives_due", lang, time(r.deadline))
        }
    }
}

/// The words of the directive pages that Swift composes (problems with the field named).
enum DirectiveWords {
    static func problem(_ p: DirectiveDraft.Problem, _ lang: Language) -> String {
        switch p {
        case .textMissing: Strings.text("directives_problem_textMissing", lang)
        case .textTooLong(let n): Strings.text("directives_problem_textTooLong", lang, "\(n)", "\(DirectiveDraft.maxText)")
        case .deadlineUnreadable(let t): Strings.text("directives_problem_deadlineUnreadable", lang, t)
        case .deadlinePassed: Strings.text("directives_problem_deadlinePassed", lang)
        case .deadlineTooFar(let d): Strings.text("directives_problem_deadlineTooFar", lang, "\(d)")
        case .levelNotBelow(let l): Strings.text("directives_problem_level", lang, l)
        }
    }
}
