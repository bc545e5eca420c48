import Foundation

/// What the command centre's dashboard reads, and the tallies kept for it.
public protocol CommandRepository: Sendable {
    /// Every figure of the dashboard within `area`, in one read (one consistent snapshot); residents
    /// are counted for each of `children` and at the area itself. Messages are counted only when
    /// `withNotifications` (the whole city: a message has no area).
    func dashboardFigures(within area: AreaPath, children: [AreaPath], window: DashboardWindow, withNotifications: Bool) async throws -> DashboardFigures
    /// Adds checkpoint scans to their hours (a batch of gates' counts at once).
    func addCheckpointScans(_ tallies: [CheckpointTally]) async throws
    /// Stores (or replaces) the day's colour counts of areas.
    func saveColourDays(_ days: [ColourDaySnapshot]) async throws
    /// One area's stored days from `since` on, oldest first.
    func colourDays(area: String, since: CalendarDate) async throws -> [ColourDaySnapshot]

    // Directives down the tree (上下联动).

    /// Stores a directive, makes every area within its sender's at one of `levels` a recipient, and
    /// the grid tasks that go with it, in one transaction; returns how many areas it went to.
    func sendDirective(_ directive: Directive, levels: [AreaLevel], tasks: [GridTask], audit: AuditEvent) async throws -> Int
    func directive(id: String) async throws -> Directive?
    /// Directives sent from `area` or below it, newest first, each with its acknowledgements counted.
    func directivesSent(within area: AreaPath, at now: Date, page: PageRequest) async throws -> ListPage<DirectiveProgress>
    /// Directives sent to one area, those it has not acknowledged first.
    func directivesReceived(areaID: String, page: PageRequest) async throws -> ListPage<ReceivedDirective>
    /// The areas a directive went to (or only those that have not acknowledged), not acknowledged first.
    func directiveRecipients(directiveID: String, pendingOnly: Bool, page: PageRequest) async throws -> ListPage<DirectiveRecipient>
    /// Missing acknowledgements below `area` (of level rank `rank`) escalated far enough to reach it.
    func overdueAcknowledgements(below area: AreaPath, rank: Int, at now: Date, page: PageRequest) async throws -> ListPage<DirectiveRecipient>
    /// Records an area's acknowledgement; false when it had already acknowledged (or was no recipient).
    func acknowledgeDirective(id: String, areaID: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool
    /// Raises by one level each missing acknowledgement a further `interval` past its deadline; returns how many.
    func escalateDirectiveAcknowledgements(at now: Date, every interval: TimeInterval) async throws -> Int
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
