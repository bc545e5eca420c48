import Domain
import Foundation
import Hummingbird

/// `/staff-report`: the enterprise's daily staff report — present, temperatures taken, and the
/// consenting employees with symptoms (their grids are asked to visit).
struct StaffReportPagesController {
    let reports: StaffReportService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("staff-report") { request, context in
            let principal = try context.requirePrincipal(may: .reportStaffHealth)
            let q = request.uri.queryParameters
            var message: String?
            if let tasks = q.get("tasks") { message = Strings.text("staff_submitted", Language.of(request)) + " " + Strings.text("staff_tasks", Language.of(request), tasks) }
            return try await page(principal, request: request, context: context, typed: nil, message: message)
        }
        router.post("staff-report") { request, context in
            let principal = try context.requirePrincipal(may: .reportStaffHealth)
            let form = try await request.decode(as: ReportForm.self, context: context)
            do {
                let tasks = try await reports.submit(present: form.present ?? "", checked: form.checked ?? "", symptomatic: form.symptomatic ?? [], as: principal)
                return Response(status: .seeOther, headers: [.location: "/staff-report?tasks=\(tasks)"])
            } catch let problem as StaffReport.Problem {
                return try await page(principal, request: request, context: context, typed: form, problem: Self.words(problem, Language.of(request)), status: .badRequest)
            }
        }
    }

    static func words(_ p: StaffReport.Problem, _ lang: Language) -> String {
        switch p {
        case .number(let field, let typed):
            Strings.text("staff_problem_number", lang, Strings.text(field == "present" ? "staff_present" : "staff_checked", lang), typed)
        case .checkedAbovePresent: Strings.text("staff_problem_checked", lang)
        case .notAnEmployee: Strings.text("staff_problem_notEmployee", lang)
        case .enterpriseNotApproved: Strings.text("staff_problem_notApproved", lang)
        }
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, typed: ReportForm?, message: String? = nil, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let form = try await reports.form(as: principal)
        let chosen = Set(typed?.symptomatic ?? form.sent?.symptomatic ?? [])
        let people = form.employees.map { StaffReportPerson(id: $0.employment.person, name: $0.name, checked: chosen.contains($0.employment.person)) }
        let page = StaffReportPage(
            enterprise: form.enterprise.name, day: reports.today().description, sent: form.sent.map { Strings.text("staff_sent", lang, pages.time($0.submittedAt)) },
            present: typed?.present ?? form.sent.map { "\($0.present)" } ?? "", checked: typed?.checked ?? form.sent.map { "\($0.temperaturesChecked)" } ?? "",
            people: people, hasPeople: !people.isEmpty, problem: problem, message: message)
        return pages.render("staff-report", page, request: request, context: context, status: status)
    }

    struct ReportForm: Decodable {
        var present: String?
        var checked: String?
        var symptomatic: [String]?
    }
}

struct StaffReportPage: PageModel {
    let enterprise: String
    let day: String
    let sent: String?
    let present: String
    let checked: String
    let people: [StaffReportPerson]
    let hasPeople: Bool
    let problem: String?
    let message: String?
}

struct StaffReportPerson: Sendable {
    let id: String
    let name: String
    let checked: Bool
}
