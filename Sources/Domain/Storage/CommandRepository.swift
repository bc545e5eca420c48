import Foundation

/// What the command centre's dashboard reads, and the tallies kept for it.
public protocol CommandRepository: Sendable {
    /// Every figure of the dashboard within `area`, in one read (one consistent snapshot). Messages
    /// are counted only when `withNotifications` (the whole city: a message has no area).
    func dashboardFigures(within area: AreaPath, window: DashboardWindow, withNotifications: Bool) async throws -> DashboardFigures
    /// Adds checkpoint scans to their hours (a batch of gates' counts at once).
    func addCheckpointScans(_ tallies: [CheckpointTally]) async throws
    /// Stores (or replaces) the day's colour counts of areas.
    func saveColourDays(_ days: [ColourDaySnapshot]) async throws
    /// One area's stored days from `since` on, oldest first.
    func colourDays(area: String, since: CalendarDate) async throws -> [ColourDaySnapshot]
}

/// Scans at one checkpoint in one clock hour, and how many of them were refused.
public struct CheckpointTally: Sendable, Equatable, Hashable {
    public var place: String
    /// The hour's start.
    public var hour: Date
    public var scans: Int
    public var refused: Int

    public init(place: String, hour: Date, scans: Int, refused: Int) { (self.place, self.hour, self.scans, self.refused) = (place, hour, scans, refused) }
}

/// An area's colours at the end of a day (or as the day stands).
public struct ColourDaySnapshot: Sendable, Equatable {
    public var areaID: String
    public var day: CalendarDate
    public var red: Int
    public var yellow: Int
    public var green: Int

    public init(areaID: String, day: CalendarDate, red: Int, yellow: Int, green: Int) {
        (self.areaID, self.day, self.red, self.yellow, self.green) = (areaID, day, red, yellow, green)
    }
}
