import Domain
import Foundation
import Hummingbird

/// Who is responsible where, for officers: the grid workers and officers of their area with their
/// assignment history, and a form to move one to another area.
struct AssignmentPagesController {
    let assignments: AssignmentService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("assignments") { request, context in
            let principal = try context.requirePrincipal(may: .assignStaff)
            let lang = Language.of(request)
            var rows: [AssignmentAccountRow] = []
            for (account, history) in try await assignments.staff(as: principal) {
                rows.append(
                    AssignmentAccountRow(
                        id: account.id, name: account.displayName, role: Strings.text("role.\(account.role.rawValue)", lang), area: account.jurisdictionID,
                        history: history.map { a in AssignmentHistoryRow(area: a.areaID, from: pages.time(a.from), to: a.to.map { pages.time($0) }) }))
            }
            let page = AssignmentsPage(accounts: rows, message: request.uri.queryParameters.get("message"))
            return pages.render("assignments", page, request: request, context: context)
        }
        router.post("assignments/:account") { request, context in
            let principal = try context.requirePrincipal(may: .assignStaff)
            let form = try await request.decode(as: AssignForm.self, context: context)
            do {
                try await assignments.assign(
                    account: try context.parameters.require("account"), to: form.area.trimmingCharacters(in: .whitespaces), as: principal)
                return redirect("/assignments")
            } catch let problem as any GridProblem {
                return redirect("/assignments", message: problem.message(Language.of(request)))
            } catch StoreError.notFound(let kind, let id) {
                return redirect("/assignments", message: "no \(kind) with id \(id)")
            }
        }
    }

    struct AssignForm: Decodable {
        var area: String
    }
}

/// The assignments page: the staff of the officer's area and a notice after a move.
struct AssignmentsPage: PageModel {
    let accounts: [AssignmentAccountRow]
    let message: String?
}

/// One account with where it has been responsible, and the form to move it.
struct AssignmentAccountRow: Sendable {
    let id: String
    let name: String
    let role: String
    let area: String
    let history: [AssignmentHistoryRow]
}

/// One assignment in an account's history; `to` is absent while it is the current one.
struct AssignmentHistoryRow: Sendable {
    let area: String
    let from: String
    let to: String?
}
