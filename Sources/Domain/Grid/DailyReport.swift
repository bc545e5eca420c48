import Foundation

/// A grid's daily report (日报告): the day's figures, prefilled from the data and confirmed by the
/// worker. A zero report (零报告) is an explicit submission that nothing happened; a grid with no
/// submission by the cut-off is missing, which is what the completeness pages are for.
public struct DailyReport: Sendable, Equatable, Codable {
    public var gridID: String
    public var gridPath: String
    public var day: CalendarDate
    public var figures: ReportFigures
    public var zero: Bool
    public var submittedBy: String
    public var submittedAt: Date
    /// Submitted after the day's cut-off.
    public var late: Bool

    public init(gridID: String, gridPath: String, day: CalendarDate, figures: ReportFigures, zero: Bool, submittedBy: String, submittedAt: Date, late: Bool) {
        self.gridID = gridID
        self.gridPath = gridPath
        self.day = day
        self.figures = figures
        self.zero = zero
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
        self.late = late
    }
}

public struct ReportFigures: Sendable, Equatable, Codable {
    public var householdsScreened = 0
    public var arrivalsVerified = 0
    public var inQuarantine = 0
    public var feversFound = 0
    public var tasksDone = 0
    public var tasksOverdue = 0

    public init(householdsScreened: Int = 0, arrivalsVerified: Int = 0, inQuarantine: Int = 0, feversFound: Int = 0, tasksDone: Int = 0, tasksOverdue: Int = 0) {
        self.householdsScreened = householdsScreened
        self.arrivalsVerified = arrivalsVerified
        self.inQuarantine = inQuarantine
        self.feversFound = feversFound
        self.tasksDone = tasksDone
        self.tasksOverdue = tasksOverdue
    }

    /// A zero report says exactly this: nothing to report.
    public var isZero: Bool { self == ReportFigures() }
}
