import Domain
import Foundation
import Hummingbird

/// `/employees`: an enterprise's employees with their colour and fitness for work, and the form
/// that adds them (a CSV pasted or read from a file); `/employment/ENTERPRISE/answer`: a resident
/// agrees to (or declines) being listed, from their own page.
struct EmployeePagesController {
    let employees: EmployeeService
    let enterprises: EnterpriseService
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
        router.post("enterprise-accounts") { request, context in
            let principal = try context.requirePrincipal(may: .manageEnterpriseAccounts)
            let form = try await request.decode(as: OfficerForm.self, context: context)
            let lang = Language.of(request)
            do {
                let issued = try await enterprises.addHealthOfficer(username: form.username ?? "", displayName: form.displayName ?? "", as: principal)
                return pages.render(
                    "issued",
                    IssuedPage(
                        title: Strings.text("employees_officerIssued", lang), note: Strings.text("staff.issuedNote", lang), who: issued.account.displayName,
                        username: issued.account.username, secret: issued.password, back: "/employees"),
                    request: request, context: context)
            } catch let problem as StaffProblem {
                var typed = OfficerForm()
                (typed.username, typed.displayName) = (form.username, form.displayName)
                return try await page(principal, request: request, context: context, officer: (typed, Strings.staffProblem(problem, lang)), status: .badRequest)
            }
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
        officer: (typed: OfficerForm, problem: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let found = try await employees.employees(page: Pager.request(q), as: principal)
        let rows = found.employees.items.map { EmployeeLine($0, lang) }
        var page = EmployeesPage(
            enterprise: found.enterprise.name, rows: rows, hasRows: !rows.isEmpty, pager: Pager(found.employees, path: "/employees", query: q, lang: lang),
            typedCSV: typedCSV, message: message, problems: problems, hasProblems: !problems.isEmpty)
        page.mayAddOfficer = AccessPolicy.may(principal, .manageEnterpriseAccounts)
        page.officerProblem = officer?.problem
        page.typedUsername = officer?.typed.username ?? ""
        page.typedName = officer?.typed.displayName ?? ""
        return pages.render("employees", page, request: request, context: context, status: status)
    }

    struct AddForm: Decodable {
        var csv: String?
    }

    struct OfficerForm: Decodable {
        var username: String?
        var displayName: String?
    }

    struct AnswerForm: Decodable {
        var answer: String?
    }
}
