import Foundation

/// What the command centre's dashboard is made of, as the store counts it within one area in one
/// read: rows already grouped (by the residents' area path, the grid's path, the hour), never
/// people one by one, except the cases, which are few and need their dates.
public struct DashboardFigures: Sendable, Equatable {
    /// One person with a positive result or an epidemiologist's case record.
    public struct CaseRow: Sendable, Equatable {
        public var person: String
        public var areaPath: String
        public var firstPositive: Date?
        public var anyPCR: Bool
        public var record: CaseRecord?

        public init(person: String, areaPath: String, firstPositive: Date?, anyPCR: Bool, record: CaseRecord?) {
            (self.person, self.areaPath, self.firstPositive, self.anyPCR, self.record) = (person, areaPath, firstPositive, anyPCR, record)
        }
    }

    /// People of one colour for one reason living at one area path, and how many of them end today.
    public struct ColourRow: Sendable, Equatable {
        public var areaPath: String
        public var colour: HealthColour
        public var cause: String?
        public var people: Int
        public var endingToday: Int

        public init(areaPath: String, colour: HealthColour, cause: String?, people: Int, endingToday: Int) {
            (self.areaPath, self.colour, self.cause, self.people, self.endingToday) = (areaPath, colour, cause, people, endingToday)
        }
    }

    /// Open tasks of one grid path: how many, how many past due, how many escalated.
    public struct TaskRow: Sendable, Equatable {
        public var gridPath: String
        public var open: Int
        public var overdue: Int
        public var escalated: Int

        public init(gridPath: String, open: Int, overdue: Int, escalated: Int) {
            (self.gridPath, self.open, self.overdue, self.escalated) = (gridPath, open, overdue, escalated)
        }
    }

    /// Checkpoint scans in one clock hour (the hour's start).
    public struct ScanHour: Sendable, Equatable {
        public var hour: Date
        public var scans: Int
        public var refused: Int

        public init(hour: Date, scans: Int, refused: Int) { (self.hour, self.scans, self.refused) = (hour, scans, refused) }
    }

    /// Residents by area path: each area directly below, and the area itself (those living at it).
    public var population: [String: Int]
    public var cases: [CaseRow]
    public var colours: [ColourRow]
    public var tasks: [TaskRow]
    /// The path of every grid in the area (completeness is counted against them).
    public var gridPaths: [String]
    /// The day's submitted reports.
    public var reports: [DailyReport]
    public var scans: [ScanHour]
    /// Messages created today by state (`sent`, `failed`, `pending`); only for the whole city,
    /// since a message has no area.
    public var notifications: [String: Int]?

    public init(
        population: [String: Int], cases: [CaseRow], colours: [ColourRow], tasks: [TaskRow], gridPaths: [String], reports: [DailyReport], scans: [ScanHour],
        notifications: [String: Int]?
    ) {
        (self.population, self.cases, self.colours, self.tasks, self.gridPaths) = (population, cases, colours, tasks, gridPaths)
        (self.reports, self.scans, self.notifications) = (reports, scans, notifications)
    }
}

/// Which moment the dashboard describes: the local day under way and the hours before now.
public struct DashboardWindow: Sendable, Equatable {
    public var now: Date
    public var day: CalendarDate
    public var dayStart: Date
    public var dayEnd: Date
    /// Scans are shown for the hours since this.
    public var scansSince: Date

    public init(now: Date, dayOffsetMinutes: Int, scanHours: Int = 24) {
        self.now = now
        day = CalendarDate(localDayOf: now, offsetMinutes: dayOffsetMinutes)
        dayStart = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 - Double(dayOffsetMinutes) * 60)
        dayEnd = dayStart.addingTimeInterval(86_400)
        let hour = (now.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600
        scansSince = Date(timeIntervalSince1970: hour - Double(scanHours - 1) * 3_600)
    }
}
