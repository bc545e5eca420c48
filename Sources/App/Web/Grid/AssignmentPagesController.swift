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
            var rows: [[String: Any]] = []
            for (account, history) in try await assignments.staff(as: principal) {
                rows.append([
                    "id": account.id, "name": account.displayName, "role": Strings.text("role.\(account.role.rawValue)", lang), "area": account.jurisdictionID,
                    "history": history.map { a in
                        var h: [String: Any] = ["area": a.areaID, "from": StatusView.local(a.from)]
                        if let to = a.to { h["to"] = StatusView.local(to) }
                        return h
                    },
                ])
            }
            var values: [String: Any] = ["accounts": rows]
            if let m = request.uri.queryParameters.get("message") { values["message"] = m }
            return pages.render("assignments", values, request: request, context: context)
        }
        router.post("assignments/:account") { request, context in
            let principal = try context.requirePrincipal(may: .assignStaff)
            let form = try await request.decode(as: AssignForm.self, context: context)
            do {
                try await assignments.assign(
                    account: try context.parameters.require("account"), to: form.area.trimmingCharacters(in: .whitespaces), as: principal)
                return redirect("/assignments")
            } catch let problem as any GridProblem {
                return redirect("/assignments", message: problem.description)
            } catch StoreError.notFound(let kind, let id) {
                return redirect("/assignments", message: "no \(kind) with id \(id)")
            }
        }
    }

    struct AssignForm: Decodable {
        var area: String
    }
}
