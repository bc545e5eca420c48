import Domain
import Foundation
import GridWork

/// Daily and zero reports (日报告和零报告制度): each grid's figures for the day, prefilled from the data
/// and confirmed by the worker; completeness by area with the missing grids; CSV export.
public struct DailyReportService: Sendable {
    let store: any AreaRepository & GridRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    public enum ReportError: Error, Equatable, CustomStringConvertible {
        case notAGrid(String)
        case zeroWithFigures
        case futureDay(CalendarDate)
        case badDay(String)

        public var description: String {
            switch self {
            case .notAGrid(let id): "\(id) is not a grid"
            case .zeroWithFigures: "a zero report has every figure at 0; submit a daily report instead"
            case .futureDay(let day): "day: \(day) has not come yet; a report is for today or a day before"
            case .badDay(let text): "day: \(text) is not a date (YYYY-MM-DD)"
            }
        }
    }

    var days: ReportDay { ReportDay(offsetMinutes: profiles.profile.colours.dayOffsetMinutes) }
    public func today() -> CalendarDate { days.day(of: clock.now()) }

    /// Whether a report for `day` sent at `at` comes after that day's cut-off (the profile's).
    public func isLate(_ at: Date, for day: CalendarDate) -> Bool {
        days.isLate(at, for: day, cutoffMinutes: profiles.profile.grid.reportCutoffMinutes)
    }

    func grid(_ id: String, as principal: Principal, _ permission: Permission) async throws -> Area {
        try AccessPolicy.check(principal, permission)
        guard let grid = try await store.area(id: id), grid.level == .grid else { throw ReportError.notAGrid(id) }
        try await directory.authorize(principal, permission, .gridWork(kind: "report", id: id, path: grid.path))
        return grid
    }

    /// The figures the data gives for a grid and day, for the worker to confirm.
    public func prefill(grid id: String, day: CalendarDate, as principal: Principal) async throws -> ReportFigures {
        let grid = try await grid(id, as: principal, .submitReports)
        let from = days.start(of: day), to = from.addingTimeInterval(86_400)
        let visits = try await store.visits(within: grid.path, from: from, to: to)
        let tasks = try await store.tasks(within: grid.path, states: Set(TaskState.allCases), limit: 100_000)
        let quarantine = try await store.exposuresOfResidents(
            within: grid.path, since: to.addingTimeInterval(-Double(profiles.profile.colours.quarantineDays) * 86_400))
        return ReportFigures(
            householdsScreened: Set(visits.map(\.household)).count,
            arrivalsVerified: tasks.filter { $0.kind == .verifyArrival && $0.state == .done && $0.updatedAt >= from && $0.updatedAt < to }.count,
            inQuarantine: Set(quarantine.filter(\.isRed).map(\.person)).count,
            feversFound: visits.map { $0.fevers(feverCelsius: profiles.profile.colours.feverCelsius) }.reduce(0, +),
            tasksDone: tasks.filter { $0.state == .done && $0.updatedAt >= from && $0.updatedAt < to }.count,
            tasksOverdue: tasks.filter { $0.isOverdue(at: min(to, clock.now())) }.count)
    }

    /// Submits the grid's report for the day (a zero report when `zero`).
    @discardableResult
    public func submit(grid id: String, day: CalendarDate, figures: ReportFigures, zero: Bool, as principal: Principal) async throws -> DailyReport {
        let grid = try await grid(id, as: principal, .submitReports)
        if zero && !figures.isZero { throw ReportError.zeroWithFigures }
        guard day <= today() else { throw ReportError.futureDay(day) }
        let now = clock.now()
        // A correction keeps the first submission's timeliness: a report sent on time stays on time.
        let first = try await store.dailyReports(within: grid.path, day: day).first { $0.gridID == grid.id }
        let report = DailyReport(
            gridID: grid.id, gridPath: grid.path, day: day, figures: figures, zero: zero, submittedBy: principal.auditName, submittedAt: now,
            late: first?.late ?? isLate(now, for: day))
        try await store.saveDailyReport(
            report, audit: clock.event(principal.auditName, zero ? .reportZero : .reportDaily, kind: "area", id: grid.id, detail: day.description))
        return report
    }

    /// Completeness under an area the principal may read, with the names of the missing grids.
    public func completeness(of areaID: String, day: CalendarDate, as principal: Principal) async throws -> (area: Area, result: Completeness, names: [String: String]) {
        try AccessPolicy.check(principal, .readReports)
        let area = try await directory.area(areaID, as: principal)
        // An officer sees completeness of their own subtree only, even when reading an area above it.
        let root = (principal.jurisdiction.map { AreaPath(area.path).contains($0) ? $0.rawValue : area.path }) ?? area.path
        let grids = try await store.grids(within: root)
        let reports = try await store.reportSubmissions(within: root, day: day)
        let result = Completeness(
            rootPath: area.path, rootID: area.id, grids: grids.map { ($0.id, $0.path) },
            submissions: reports.map { .init(gridID: $0.gridID, zero: $0.zero, late: $0.late) })
        var names: [String: String] = [:]
        for g in grids { names[g.id] = g.name }
        for child in try await store.children(of: area.id) { names[child.id] = child.name }
        return (area, result, names)
    }

    /// The completeness table as CSV (area, name, grids, submitted, zero, late, missing), then the missing grids.
    public func csv(of areaID: String, day: CalendarDate, as principal: Principal) async throws -> String {
        let (area, c, names) = try await completeness(of: areaID, day: day, as: principal)
        var lines = ["day,area_id,area_name,grids,submitted,zero,late,missing"]
        func line(_ r: Completeness.Row) -> String {
            [day.description, r.areaID, Self.csvField(names[r.areaID] ?? area.name), "\(r.grids)", "\(r.submitted)", "\(r.zero)", "\(r.late)", "\(r.missing)"]
                .joined(separator: ",")
        }
        lines.append(line(c.total))
        lines += c.children.map(line)
        lines.append("")
        lines.append("missing_grid_id,missing_grid_name,path")
        lines += c.missing.map { "\($0.id),\(Self.csvField(names[$0.id] ?? "")),\($0.path)" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
