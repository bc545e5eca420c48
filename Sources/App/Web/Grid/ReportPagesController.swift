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
    let pages: PageRenderer

    static let figureKeys = ["householdsScreened", "arrivalsVerified", "inQuarantine", "feversFound", "tasksDone", "tasksOverdue"]

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("reports") { request, context in
            let principal = try context.requirePrincipal(may: .readReports)
            let q = request.uri.queryParameters
            let day = q.get("day").flatMap { CalendarDate(iso: $0) } ?? reports.today()
            guard let own = principal.jurisdictionID else { throw HTTPError(.forbidden, message: principal.role.rawValue) }
            let values = try await completenessValues(q.get("area") ?? own, day: day, principal: principal, request: request)
            var all = values
            // The worker's own grid: the form, prefilled from the data.
            if AccessPolicy.may(principal, .submitReports), try await store.area(id: own)?.level == .grid {
                let figures = try await reports.prefill(grid: own, day: day, as: principal)
                let lang = Language.of(request)
                let byKey = Self.dictionary(figures)
                var form: [String: Any] = ["grid": own, "figures": Self.figureKeys.map { ["key": $0, "label": Strings.text("fig.\($0)", lang), "value": byKey[$0] ?? 0] }]
                // What the worker already sent today, if anything (a second submission replaces it).
                if let path = principal.jurisdictionPath, let sent = try await store.dailyReports(within: path, day: day).first {
                    form["sent"] = ["at": StatusView.local(sent.submittedAt), "zero": sent.zero, "late": sent.late]
                }
                all["form"] = form
            }
            if let m = q.get("message") { all["message"] = m }
            return pages.render("reports", all, request: request, context: context)
        }
        router.post("reports") { request, context in
            let principal = try context.requirePrincipal(may: .submitReports)
            let fields = try await FieldWorkPagesController.fields(request, context: context)
            var day = reports.today()
            if let text = fields["day"], !text.isEmpty {
                guard let given = CalendarDate(iso: text) else { return redirect("/reports", message: DailyReportService.ReportError.badDay(text).description) }
                day = given
            }
            var figures: [String: Int] = [:]
            for key in Self.figureKeys {
                let text = fields[key] ?? "0"
                guard let n = Int(text), n >= 0 else {
                    return redirect("/reports", message: "\(key): \(text) is not a whole number of 0 or more")
                }
                figures[key] = n
            }
            do {
                try await reports.submit(grid: fields["grid"] ?? "", day: day, figures: Self.figures(figures), zero: fields["zero"] != nil, as: principal)
                return redirect("/reports", message: Strings.text("reportSubmitted", Language.of(request)))
            } catch let problem as any GridProblem {
                return redirect("/reports", message: problem.description)
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
    func completenessValues(_ areaID: String, day: CalendarDate, principal: Principal, request: Request) async throws -> [String: Any] {
        let (area, c, names) = try await reports.completeness(of: areaID, day: day, as: principal)
        func row(_ r: Completeness.Row, link: Bool) -> [String: Any] {
            ["id": r.areaID, "name": names[r.areaID] ?? area.name, "grids": r.grids, "submitted": r.submitted, "zero": r.zero, "late": r.late,
             "missing": r.missing, "link": link]
        }
        return [
            "day": day.description, "area": area.id, "areaName": area.name, "total": row(c.total, link: false),
            "children": c.children.map { row($0, link: area.level != .community) }, "hasChildren": !c.children.isEmpty,
            "missing": c.missing.map { ["id": $0.id, "name": names[$0.id] ?? $0.id] }, "hasMissing": !c.missing.isEmpty,
            "cutoff": String(format: "%02d:%02d", profiles.profile.grid.reportCutoffMinutes / 60, profiles.profile.grid.reportCutoffMinutes % 60),
        ]
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
