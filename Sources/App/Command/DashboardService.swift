import Domain
import Foundation

/// The command centre's dashboard (城市大脑) of an area: every figure in one document, computed
/// from the store in one read at most every few seconds per area and language, so a wall of
/// screens polling it costs one computation, not one query per tile and screen.
public struct DashboardService: Sendable {
    let store: any CommandRepository & AreaRepository & PlaceRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory
    let cache: PublicCache
    let riskAreas: RiskAreaList
    let feeds: FeedHealthService
    let scanTally: ScanTally

    /// How many days the curve and the colours chart go back.
    static let historyDays = 28

    /// The dashboard of `areaID` (the principal's own area by default), inside their jurisdiction.
    public func dashboard(areaID: String?, as principal: Principal, english: Bool) async throws -> Dashboard {
        let area = try await authorizedArea(areaID, as: principal)
        var board = try await cache.value("dashboard:\(area.id):\(english ? "en" : "zh")") { try await compute(area, english: english) }
        if AccessPolicy.may(principal, .readFeeds) {
            board.lateFeeds = try await feeds.current(as: principal).filter(\.isLate).map(\.activity.source)
        }
        return board
    }

    /// The outlines of the areas directly below, for the map (they change only with an area import).
    public func childOutlines(areaID: String?, as principal: Principal, english: Bool) async throws -> [(geometry: String, id: String, name: String)] {
        let area = try await authorizedArea(areaID, as: principal)
        return try await store.children(of: area.id).compactMap { child in
            child.geometry.map { ($0, child.id, child.name(english: english)) }
        }
    }

    func authorizedArea(_ areaID: String?, as principal: Principal) async throws -> Area {
        try await directory.authorize(principal, .readDashboard, kind: "dashboard", id: areaID ?? "home")
        guard let id = areaID ?? principal.jurisdictionID else { throw StoreError.notFound(kind: "area", id: "(none)") }
        guard let area = try await store.area(id: id) else { throw StoreError.notFound(kind: "area", id: id) }
        try await directory.authorize(principal, .readDashboard, .area(id: area.id, path: area.path))
        return area
    }

    /// The document as it stands now, for anyone allowed (the keeper and the benchmark call it directly).
    public func compute(_ area: Area, english: Bool = false) async throws -> Dashboard {
        // Scans counted in memory at the gates are written first, so the figures include them.
        try await scanTally.flush()
        let profile = profiles.profile
        let window = DashboardWindow(now: clock.now(), dayOffsetMinutes: profile.colours.dayOffsetMinutes)
        let children = try await store.children(of: area.id)
        let figures = try await store.dashboardFigures(
            within: AreaPath(area.path), children: children.map { AreaPath($0.path) }, window: window, withNotifications: area.parentID == nil)
        var board = Dashboard.assemble(
            figures, area: area, children: children, window: window, dayOffsetMinutes: profile.colours.dayOffsetMinutes, autoConfirmPCR: profile.autoConfirm,
            curveDays: Self.historyDays)
        board.area.name = area.name(english: english)
        let names = Dictionary(children.map { ($0.id, $0.name(english: english)) }, uniquingKeysWith: { a, _ in a })
        for i in board.children.indices { board.children[i].name = names[board.children[i].id] ?? board.children[i].name }

        // Colours over time: the days the keeper stored, and today as it stands.
        let since = CalendarDate(daysSinceEpoch: window.day.daysSinceEpoch - Self.historyDays + 1)
        var days = try await store.colourDays(area: area.id, since: since).filter { $0.day < window.day }
            .map { Dashboard.ColourDay(day: $0.day.description, red: $0.red, yellow: $0.yellow) }
        days.append(.init(day: window.day.description, red: board.colours.red, yellow: board.colours.yellow))
        board.colourHistory = days

        // Risk areas inside this one (the public list, computed once for everyone).
        let directory = try await store.areaDirectory()
        let within = AreaPath(area.path)
        var risky: [Dashboard.RiskArea] = []
        for entry in try await riskAreas.current() {
            // A community is an area; a compound is a place, counted in the area it stands in.
            var path = directory[entry.id]?.path
            if path == nil, let place = try await store.place(id: entry.id), let at = place.areaID { path = directory[at]?.path }
            guard let path, within.contains(AreaPath(path)) else { continue }
            risky.append(.init(id: entry.id, name: entry.name, level: entry.level, cases: entry.cases))
        }
        board.riskAreas = risky
        return board
    }
}
