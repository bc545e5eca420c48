import Domain
import Foundation
import Hummingbird

/// `/employees`: an enterprise's employees with their colour and fitness for work, and the form
/// that adds them (a CSV pasted or read from a file); `/employment/ENTERPRISE/answer`: a resident
/// agrees to (or declines) being listed, from their own page.
struct EmployeePagesController {
    let employees: EmployeeService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("employees") { request, context in
            let principal = try context.requirePrincipal(may: .manageEmployees)
            return try await page(principal, request: request, context: context)
        }
        router.post("employees") { request, context in
            let principal = try context.requirePrincipal(may: .manageEmployees)
            let form = try await request.decode(as: AddForm.self, context: context)
            let lang = Language.of(request)
            let csv = form.csv ?? ""
            let report: EmployeeService.AddReport
            do {
                report = try await employees.add(Array(csv.utf8), as: principal)
            } catch let failure as StaffImportFailure {
                return try await page(principal, request: request, context: context, typedCSV: csv, problems: [failure.reason], status: .badRequest)
            }
            let problems = report.problems.map { p in
                Strings.text("employees_line", lang, "\(p.line)") + (p.field.map { " · \($0)" } ?? "") + ": " + p.reason
            }
            // Lines refused stay in the box to be mended; the others were added.
            return try await page(
                principal, request: request, context: context, typedCSV: problems.isEmpty ? "" : csv,
                message: Strings.text("employees_added", lang, "\(report.proposed)", "\(report.unchanged)"), problems: problems,
                status: problems.isEmpty ? .ok : .badRequest)
        }
        router.post("employment/:enterprise/answer") { request, context in
            let principal = try context.requirePrincipal(may: .holdCodes)
            guard case .resident(let me) = principal.subject else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .holdCodes) }
            let enterprise = try context.parameters.require("enterprise")
            let form = try await request.decode(as: AnswerForm.self, context: context)
            let agree = form.answer == "agree"
            try await employees.answer(enterpriseID: enterprise, person: me, confirm: agree, as: principal)
            let note = Strings.text(agree ? "employment_agreed" : "employment_declined", Language.of(request))
            return Response(status: .seeOther, headers: [.location: SitePath.link("/", [URLQueryItem(name: "message", value: note)])])
        }
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, typedCSV: String = "", message: String? = nil, problems: [String] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let found = try await employees.employees(page: Pager.request(q), as: principal)
        let rows = found.employees.items.map { EmployeeLine($0, lang) }
        let page = EmployeesPage(
            enterprise: found.enterprise.name, rows: rows, hasRows: !rows.isEmpty, pager: Pager(found.employees, path: "/employees", query: q, lang: lang),
            typedCSV: typedCSV, message: message, problems: problems, hasProblems: !problems.isEmpty)
        return pages.render("employees", page, request: request, context: context, status: status)
    }

    struct AddForm: Decodable {
        var csv: String?
    }

    struct AnswerForm: Decodable {
        var answer: String?
    }
}
