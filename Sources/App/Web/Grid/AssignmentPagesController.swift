import Domain
import Foundation
import Hummingbird

/// Who is responsible where, for officers: the grid workers and officers of their area with their
/// assignment history, and a form to move one to another area.
struct AssignmentPagesController {
    /// For areas by name: on the page, and typed into the form.
    let store: any AreaRepository
    let assignments: AssignmentService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("assignments") { request, context in
            let principal = try context.requirePrincipal(may: .assignStaff)
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            var rows: [AssignmentAccountRow] = []
            var names: [String: String] = [:]
            let staff = try await assignments.staff(as: principal)
            for id in Set(staff.flatMap { [$0.0.jurisdictionID] + $0.1.map(\.areaID) }) { names[id] = try await store.area(id: id)?.name }
            for (account, history) in staff {
                // A refused move comes back to its own form, as typed.
                let refused = q.get("account") == account.id
                rows.append(
                    AssignmentAccountRow(
                        id: account.id, name: account.displayName, role: Strings.text("role.\(account.role.rawValue)", lang),
                        area: names[account.jurisdictionID] ?? account.jurisdictionID, areaCode: account.jurisdictionID,
                        history: history.map { a in
                            AssignmentHistoryRow(area: names[a.areaID] ?? a.areaID, from: pages.time(a.from), to: a.to.map { pages.time($0) })
                        },
                        typed: refused ? q.get("area") ?? "" : "", problem: refused ? q.get("problem") : nil))
            }
            let page = AssignmentsPage(accounts: rows, message: q.get("message"))
            return pages.render("assignments", page, request: request, context: context)
        }
        router.post("assignments/:account") { request, context in
            let principal = try context.requirePrincipal(may: .assignStaff)
            let form = try await request.decode(as: AssignForm.self, context: context)
            let account = try context.parameters.require("account")
            let lang = Language.of(request)
            let typed = form.area.trimmingCharacters(in: .whitespaces)
            let refused = { (problem: String) in
                SitePath.refused("/assignments", typed: [("account", account), ("area", typed)], problem: problem, fragment: "account-\(account)")
            }
            // The area by its code, or by its exact name when that names one area of the reader's jurisdiction.
            var areaID = typed
            if try await store.area(id: typed) == nil, let root = principal.jurisdiction {
                let named = try await store.areas(named: typed, within: root, limit: 20).filter { $0.name == typed }
                guard named.count == 1, let only = named.first else {
                    return refused(Strings.text(named.isEmpty ? "assignProblem.noArea" : "assignProblem.manyAreas", lang, typed))
                }
                areaID = only.id
            }
            do {
                try await assignments.assign(account: account, to: areaID, as: principal)
                return redirect("/assignments", message: Strings.text("assigned", lang))
            } catch let problem as any GridProblem {
                return refused(problem.message(lang))
            } catch StoreError.notFound(let kind, _) where kind == "area" {
                return refused(Strings.text("assignProblem.noArea", lang, typed))
            } catch let denial as AccessPolicy.Denial {
                return refused(Strings.denial(denial, lang))
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
    /// The area's name; its code is secondary text.
    let area: String
    let areaCode: String
    let history: [AssignmentHistoryRow]
    /// What was typed into this account's form when the move was refused, and why.
    let typed: String
    let problem: String?
}

/// One assignment in an account's history; `to` is absent while it is the current one.
struct AssignmentHistoryRow: Sendable {
    let area: String
    let from: String
    let to: String?
}
