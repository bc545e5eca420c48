import Domain
import Foundation
import GridWork
import Hummingbird

/// The grid worker's phone page of today's tasks (nearest first when the phone gives a position),
/// the buttons that move a task on, and the officers' form for a task by hand.
struct GridTaskPagesController {
    let clock: WallClock
    let tasks: GridTaskService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("grid") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            var tasks = try await self.tasks.tasks(for: principal)
            let q = request.uri.queryParameters
            // Only a real position: Double("nan") parses, and a NaN distance must never reach Int(_:).
            let here = q.get("lat").flatMap(Double.init).flatMap { lat in q.get("lon").flatMap(Double.init).map { (lat, $0) } }
                .flatMap { (-90...90).contains($0.0) && (-180...180).contains($0.1) ? $0 : nil }
            if let here {
                tasks = NearestFirst.sort(tasks, latitude: here.0, longitude: here.1)
            } else {
                // Escalated first (an officer's attention), then by due time.
                tasks.sort { ($0.escalation, $1.dueAt) > ($1.escalation, $0.dueAt) }
            }
            let now = clock.now()
            let rows: [GridTaskRow] = tasks.map { t in
                GridTaskRow(
                    id: t.id, kind: Strings.text("task.\(t.kind.rawValue)", lang), note: t.note, state: Strings.text("state.\(t.state.rawValue)", lang),
                    due: pages.time(t.dueAt), overdue: t.isOverdue(at: now), grid: t.gridID, open: t.state == .open,
                    // Values only when there is one (nil leaves the key out): mustache treats an empty string as true.
                    person: t.person, household: t.household,
                    escalatedTo: t.escalation > 0 ? (Escalation.area(gridPath: t.gridPath, level: t.escalation) ?? "") : nil,
                    distance: here.flatMap { position in
                        NearestFirst.metres(t, latitude: position.0, longitude: position.1).flatMap { m in m.isFinite ? Int(m.rounded()) : nil }
                    })
            }
            let page = GridTasksPage(tasks: rows, hasTasks: !rows.isEmpty, isOfficer: AccessPolicy.may(principal, .createTasks), message: q.get("message"))
            return pages.render("grid-tasks", page, request: request, context: context)
        }
        router.post("grid/tasks/:id") { request, context in
            let principal = try context.requirePrincipal(may: .workTasks)
            let form = try await request.decode(as: TaskForm.self, context: context)
            guard let state = TaskState(rawValue: form.state) else { throw HTTPError(.badRequest, message: "state: \(form.state) is not a task state") }
            do {
                _ = try await tasks.update(try context.parameters.require("id"), to: state, reason: form.reason, as: principal)
                return redirect("/grid")
            } catch let problem as any GridProblem {
                return redirect("/grid", message: problem.description)
            }
        }
        router.post("grid/tasks") { request, context in
            let principal = try context.requirePrincipal(may: .createTasks)
            let form = try await request.decode(as: NewTaskForm.self, context: context)
            let hours = min(max(Int(form.dueHours) ?? 24, 1), 168)
            do {
                let person = form.person?.trimmingCharacters(in: .whitespaces)
                _ = try await tasks.create(
                    grid: form.grid.trimmingCharacters(in: .whitespaces), note: form.note, due: clock.now().addingTimeInterval(Double(hours) * 3600),
                    person: person?.isEmpty == false ? person : nil, as: principal)
                return redirect("/grid")
            } catch let problem as any GridProblem {
                return redirect("/grid", message: problem.description)
            }
        }
    }

    struct TaskForm: Decodable {
        var state: String
        var reason: String?
    }

    struct NewTaskForm: Decodable {
        var grid: String
        var note: String
        var dueHours: String
        var person: String?
    }
}

/// The grid worker's tasks, and the officers' form for a new one.
struct GridTasksPage: PageModel {
    let tasks: [GridTaskRow]
    let hasTasks: Bool
    let isOfficer: Bool
    let message: String?
}

/// One task as the phone shows it; `distance` (whole metres) only when the phone gave a position.
struct GridTaskRow: Sendable {
    let id: String
    let kind: String
    let note: String
    let state: String
    let due: String
    let overdue: Bool
    let grid: String
    let open: Bool
    let person: String?
    let household: String?
    let escalatedTo: String?
    let distance: Int?
}

/// A See Other to a page, with a message for it to show.
func redirect(_ path: String, message: String? = nil) -> Response {
    let location = message.map { path + (path.contains("?") ? "&" : "?") + "message=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? path
    return Response(status: .seeOther, headers: [.location: location])
}
