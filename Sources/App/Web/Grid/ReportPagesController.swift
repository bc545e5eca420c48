import Domain
import Foundation
import GridWork
import Hummingbird

/// Daily and zero reports: a grid worker confirms the prefilled figures (or submits a zero report);
/// officers see completeness for their area, down the tree, with the missing grids and a CSV.
struct ReportPagesController {
    let store: any AreaRepository & GridRepository
    let profiles: ProfileStore
    let reports: DailyReportService
    let staffReports: StaffReportService
    let pages: PageRenderer

    static let figureKeys = ["householdsScreened", "arrivalsVerified", "inQuarantine", "feversFound", "tasksDone", "tasksOverdue"]

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("reports") { request, context in
            let principal = try context.requirePrincipal(may: .readReports)
            let q = request.uri.queryParameters
            let day = q.get("day").flatMap { CalendarDate(iso: $0) } ?? reports.today()
            guard let own = principal.jurisdictionID else { throw HTTPError(.forbidden, message: principal.role.rawValue) }
            var page = try await completenessPage(q.get("area") ?? own, day: day, principal: principal, request: request)
            // The worker's own grid: the form, prefilled from the data.
            if AccessPolicy.may(principal, .submitReports), try await store.area(id: own)?.level == .grid {
                let figures = try await reports.prefill(grid: own, day: day, as: principal)
                let lang = Language.of(request)
                let byKey = Self.dictionary(figures)
                // A refused report comes back with the figures as they were typed.
                let typed = Dictionary(uniqueKeysWithValues: Self.figureKeys.compactMap { key in q.get(key).map { (key, String($0)) } })
                let gridName = try await store.area(id: own)?.name ?? own
                var form = ReportFormRow(
                    grid: own, gridName: gridName, problem: q.get("problem"),
                    figures: Self.figureKeys.map { ReportFigureField(key: $0, label: Strings.text("fig.\($0)", lang), value: typed[$0] ?? "\(byKey[$0] ?? 0)") }, sent: nil)
                // What the worker already sent today, if anything (a second submission replaces it).
                if let path = principal.jurisdictionPath, let sent = try await store.dailyReports(within: path, day: day).first {
                    form.sent = ReportSentRow(at: pages.time(sent.submittedAt), zero: sent.zero, late: sent.late)
                }
                page.form = form
            }
            page.message = q.get("message")
            return pages.render("reports", page, request: request, context: context)
        }
        router.post("reports") { request, context in
            let principal = try context.requirePrincipal(may: .submitReports)
            let fields = try await FieldWorkPagesController.fields(request, context: context)
            let lang = Language.of(request)
            // Nothing is stored from a refused report: the form comes back with what was typed and why.
            let typed = Self.figureKeys.compactMap { key in fields[key].map { (key, $0) } }
            let refused = { (problem: String) in SitePath.refused("/reports", typed: typed, problem: problem, fragment: "report") }
            var day = reports.today()
            if let text = fields["day"], !text.isEmpty {
                guard let given = CalendarDate(iso: text) else { return refused(DailyReportService.ReportError.badDay(text).message(lang)) }
                day = given
            }
            var figures: [String: Int] = [:]
            for key in Self.figureKeys {
                let text = (fields[key] ?? "0").trimmingCharacters(in: .whitespaces)
                guard let n = Int(text.isEmpty ? "0" : text), n >= 0 else {
                    return refused(Strings.text("reportProblem.number", lang, Strings.text("fig.\(key)", lang), text))
                }
                figures[key] = n
            }
            do {
                try await reports.submit(grid: fields["grid"] ?? "", day: day, figures: Self.figures(figures), zero: fields["zero"] != nil, as: principal)
                return redirect("/reports", message: Strings.text("reportSubmitted", lang))
            } catch let problem as any GridProblem {
                return refused(problem.message(lang))
            }
        }
        router.get("reports/completeness.csv") { request, context in
            let principal = try context.requirePrincipal(may: .readReports)
            let q = request.uri.queryParameters
            let day = q.get("day").flatMap { CalendarDate(iso: $0) } ?? reports.today()
            guard let area = q.get("area") ?? principal.jurisdictionID else { throw HTTPError(.forbidden, message: principal.role.rawValue) }
            let csv = try await reports.csv(of: area, day: day, as: principal)
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"completeness-\(area)-\(day).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    /// The completeness table of an area, as the page shows it (also timed by `cordon bench grid`).
    func completenessPage(_ areaID: String, day: CalendarDate, principal: Principal, request: Request) async throws -> ReportsPage {
        let (area, c, names) = try await reports.completeness(of: areaID, day: day, as: principal)
        func row(_ r: Completeness.Row, link: Bool) -> CompletenessTableRow {
            CompletenessTableRow(
                id: r.areaID, name: names[r.areaID] ?? area.name, grids: r.grids, submitted: r.submitted, zero: r.zero, late: r.late,
                missing: r.missing, link: link)
        }
        // Enterprises' daily staff reports, counted the same way: the area, then each area below.
        let children = try await store.children(of: area.id)
        let staff = try await staffReports.completeness(of: area, children: children, day: day, as: principal)
        let enterpriseRows = zip([area] + children, staff).filter { $0.1.enterprises > 0 }.map { a, c in
            EnterpriseCompletenessRow(name: a.name, enterprises: c.enterprises, reported: c.reported, missing: c.missing)
        }
        return ReportsPage(
            day: day.description, area: area.id, areaName: area.name, total: row(c.total, link: false),
            children: c.children.map { row($0, link: area.level != .community) }, hasChildren: !c.children.isEmpty,
            missing: c.missing.map { ReportMissingGridRow(id: $0.id, name: names[$0.id] ?? $0.id) }, hasMissing: !c.missing.isEmpty,
            cutoff: String(format: "%02d:%02d", profiles.profile.grid.reportCutoffMinutes / 60, profiles.profile.grid.reportCutoffMinutes % 60),
            form: nil, message: nil, enterprises: enterpriseRows, hasEnterprises: !enterpriseRows.isEmpty)
    }

    static func dictionary(_ f: ReportFigures) -> [String: Int] {
        ["householdsScreened": f.householdsScreened, "arrivalsVerified": f.arrivalsVerified, "inQuarantine": f.inQuarantine,
         "feversFound": f.feversFound, "tasksDone": f.tasksDone, "tasksOverdue": f.tasksOverdue]
    }

    static func figures(_ d: [String: Int]) -> ReportFigures {
        ReportFigures(
            householdsScreened: d["householdsScreened"] ?? 0, arrivalsVerified: d["arrivalsVerified"] ?? 0, inQuarantine: d["inQuarantine"] ?? 0,
            feversFound: d["feversFound"] ?? 0, tasksDone: d["tasksDone"] ?? 0, tasksOverdue: d["tasksOverdue"] ?? 0)
    }
}

/// The reports page: an area's completeness for a day, and for a grid worker the report form.
struct ReportsPage: PageModel {
    let day: String
    let area: String
    let areaName: String
    let total: CompletenessTableRow
    let children: [CompletenessTableRow]
    let hasChildren: Bool
    /// The grids without a report (the rows' `missing` is a count).
    let missing: [ReportMissingGridRow]
    let hasMissing: Bool
    /// The day's report cut-off, `HH:MM` on the city's clock.
    let cutoff: String
    var form: ReportFormRow?
    var message: String?
    /// Approved enterprises and their daily staff reports (the area first, then each area below).
    var enterprises: [EnterpriseCompletenessRow] = []
    var hasEnterprises = false
}

struct EnterpriseCompletenessRow: Sendable {
    let name: String
    let enterprises: Int
    let reported: Int
    let missing: Int
}

/// An area's counts of grids, reports, zero and late reports and missing grids; `link` when the
/// name leads to that area's own table.
struct CompletenessTableRow: Sendable {
    let id: String
    let name: String
    let grids: Int
    let submitted: Int
    let zero: Int
    let late: Int
    let missing: Int
    let link: Bool
}

/// A grid without a report.
struct ReportMissingGridRow: Sendable {
    let id: String
    let name: String
}

/// The worker's report form for their grid, prefilled, and what they already sent today.
struct ReportFormRow: Sendable {
    let grid: String
    let gridName: String
    /// Why the last submission was refused (its figures are in `figures`, as typed).
    let problem: String?
    let figures: [ReportFigureField]
    var sent: ReportSentRow?
}

/// One figure of the report: the field name, its label and the prefilled value.
struct ReportFigureField: Sendable {
    let key: String
    let label: String
    /// Prefilled, or as typed when refused (text: "abc" must come back as "abc").
    let value: String
}

/// The report already submitted today: when, and whether it was a zero or a late one.
struct ReportSentRow: Sendable {
    let at: String
    let zero: Bool
    let late: Bool
}
