import Foundation

/// The command centre's dashboard of one area (城市大脑): one document with every figure, what the
/// page draws and polls. Each area below gets its own row, so a click drills down to it.
public struct Dashboard: Sendable, Codable, Equatable {
    public struct AreaRef: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var level: String

        public init(id: String, name: String, level: String) { (self.id, self.name, self.level) = (id, name, level) }
    }

    public struct Cases: Sendable, Codable, Equatable {
        /// Confirmed and suspected cases whose report day (first positive sample) is today.
        public var newToday = 0
        /// Confirmed and suspected cases reported in the last 14 days, today included.
        public var last14Days = 0
        public var confirmed = 0
        public var suspected = 0

        public init(newToday: Int = 0, last14Days: Int = 0, confirmed: Int = 0, suspected: Int = 0) {
            (self.newToday, self.last14Days, self.confirmed, self.suspected) = (newToday, last14Days, confirmed, suspected)
        }
    }

    public struct Colours: Sendable, Codable, Equatable {
        public var red = 0
        public var yellow = 0
        public var green = 0
        /// People red or yellow by the reason of their colour (`StatusCause`).
        public var byCause: [String: Int] = [:]
    }

    public struct Quarantine: Sendable, Codable, Equatable {
        /// Close contacts red today (quarantined).
        public var today = 0
        /// Of those, the ones whose quarantine ends before tomorrow.
        public var dueForRelease = 0

        public init(today: Int = 0, dueForRelease: Int = 0) { (self.today, self.dueForRelease) = (today, dueForRelease) }
    }

    public struct Tasks: Sendable, Codable, Equatable {
        public var open = 0
        public var overdue = 0
        public var escalated = 0

        public init(open: Int = 0, overdue: Int = 0, escalated: Int = 0) { (self.open, self.overdue, self.escalated) = (open, overdue, escalated) }
    }

    public struct Reports: Sendable, Codable, Equatable {
        public var grids = 0
        public var submitted = 0
        public var zero = 0
        public var late = 0
        public var missing = 0
        /// The reported figures added up over the submitted reports.
        public var sums = ReportFigures()
    }

    public struct Scans: Sendable, Codable, Equatable {
        public struct Hour: Sendable, Codable, Equatable {
            public var hour: Date
            public var scans: Int
            public var refused: Int
        }

        public var total = 0
        public var refused = 0
        /// Every hour of the window, those without scans included.
        public var hours: [Hour] = []
    }

    public struct Notifications: Sendable, Codable, Equatable {
        public var sent = 0
        public var failed = 0
        public var pending = 0

        public init(sent: Int = 0, failed: Int = 0, pending: Int = 0) { (self.sent, self.failed, self.pending) = (sent, failed, pending) }
    }

    public struct Child: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var residents = 0
        public var red = 0
        public var yellow = 0
        /// Red and yellow people per 10,000 residents (what the map shades by); nil without residents.
        public var perTenThousand: Double?
        public var newCases = 0
        public var cases14Days = 0
        public var tasksOverdue = 0
        public var grids = 0
        public var reportsMissing = 0
    }

    public struct CurveDay: Sendable, Codable, Equatable {
        public var day: String
        public var byOnset: Int
        public var byReport: Int
    }

    public struct ColourDay: Sendable, Codable, Equatable {
        public var day: String
        public var red: Int
        public var yellow: Int

        public init(day: String, red: Int, yellow: Int) { (self.day, self.red, self.yellow) = (day, red, yellow) }
    }

    public struct RiskArea: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var level: String
        public var cases: Int

        public init(id: String, name: String, level: String, cases: Int) { (self.id, self.name, self.level, self.cases) = (id, name, level, cases) }
    }

    public var schemaVersion = 1
    public var area: AreaRef
    public var day: String
    public var generatedAt: Date
    public var residents = 0
    public var cases = Cases()
    public var colours = Colours()
    public var quarantine = Quarantine()
    public var tasks = Tasks()
    public var reports = Reports()
    public var scans = Scans()
    public var notifications: Notifications?
    public var children: [Child] = []
    /// From the first case (at most `curveDays` back) to today.
    public var curve: [CurveDay] = []
    public var colourHistory: [ColourDay] = []
    public var riskAreas: [RiskArea] = []
    /// Feeds that are late now (for those who may see feeds).
    public var lateFeeds: [String]?

    public init(area: AreaRef, day: String, generatedAt: Date) { (self.area, self.day, self.generatedAt) = (area, day, generatedAt) }
}
