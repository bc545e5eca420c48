import Foundation

/// What a sender typed, checked before anything is stored: each problem names its field.
public struct DirectiveDraft: Sendable, Equatable {
    public var text: String
    /// `YYYY-MM-DDTHH:MM` on the city's clock, as a datetime-local field sends it.
    public var deadline: String
    public var downTo: String
    public var gridTasks: Bool

    public init(text: String, deadline: String, downTo: String, gridTasks: Bool) {
        (self.text, self.deadline, self.downTo, self.gridTasks) = (text, deadline, downTo, gridTasks)
    }

    public static let maxText = 2_000
    /// A deadline further out than this is a typing mistake (a year for a day).
    public static let maxDays = 30

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case textMissing
        case textTooLong(Int)
        case deadlineUnreadable(String)
        case deadlinePassed
        case deadlineTooFar(days: Int)
        case levelNotBelow(String)

        public var field: String {
            switch self {
            case .textMissing, .textTooLong: "text"
            case .deadlineUnreadable, .deadlinePassed, .deadlineTooFar: "deadline"
            case .levelNotBelow: "downTo"
            }
        }

        public var description: String {
            switch self {
            case .textMissing: "text: write what the areas below must do"
            case .textTooLong(let n): "text: \(n) characters, at most \(DirectiveDraft.maxText)"
            case .deadlineUnreadable(let t): "deadline: \"\(t)\" is not a date and time (YYYY-MM-DDTHH:MM)"
            case .deadlinePassed: "deadline: it has already passed"
            case .deadlineTooFar(let d): "deadline: more than \(d) days away"
            case .levelNotBelow(let l): "downTo: \"\(l)\" is not a level below the sender's area"
            }
        }
    }

    /// The checked values: the deadline as an instant and the lowest level to reach.
    public func check(senderLevel: AreaLevel, now: Date, local: LocalTime) throws(Problem) -> (text: String, deadline: Date, downTo: AreaLevel) {
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .textMissing }
        guard text.count <= Self.maxText else { throw .textTooLong(text.count) }
        guard let deadline = local.date(fromInput: self.deadline.trimmingCharacters(in: .whitespaces)) else { throw .deadlineUnreadable(self.deadline) }
        guard deadline > now else { throw .deadlinePassed }
        guard deadline.timeIntervalSince(now) <= Double(Self.maxDays) * 86_400 else { throw .deadlineTooFar(days: Self.maxDays) }
        guard let level = AreaLevel(rawValue: downTo), level > senderLevel else { throw .levelNotBelow(downTo) }
        return (text, deadline, level)
    }
}
