import Domain
import Foundation
import GridWork
import Hummingbird

/// The grid worker's phone page of today's tasks (nearest first when the phone gives a position),
/// the buttons that move a task on, and the officers' form for a task by hand.
struct GridTaskPagesController {
    let clock: WallClock
    let tasks: GridTaskService
    let directory: PersonDirectory
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("grid") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            let now = clock.now()
            let areaID = q.get("area").flatMap { $0.isEmpty ? nil : $0 }
            let filter = TaskFilter(
                states: q.get("state").flatMap(TaskState.init(rawValue:)).map { [$0] } ?? [.open, .inProgress],
                kind: q.get("kind").flatMap(TaskKind.init(rawValue:)), overdueAt: q.get("overdue") == "1" ? now : nil)
            // Only a real position: Double("nan") parses, and a NaN distance must never reach Int(_:).
            let here = q.get("lat").flatMap(Double.init).flatMap { lat in q.get("lon").flatMap(Double.init).map { (lat, $0) } }
                .flatMap { (-90...90).contains($0.0) && (-180...180).contains($0.1) ? $0 : nil }
            let found: ListPage<GridTask>
            if let here {
                // Nearest first is for the worker on foot in one grid: their open tasks, sorted by distance.
                let near = NearestFirst.sort(try await self.tasks.tasks(for: principal, states: filter.states), latitude: here.0, longitude: here.1)
                let request = Pager.request(q)
                found = ListPage(items: Array(near.dropFirst(request.offset).prefix(request.limit)), total: near.count, request: request)
            } else {
                found = try await self.tasks.tasks(for: principal, in: areaID, filter: filter, page: Pager.request(q))
            }
            let mentioned = found.items.map(TaskNoteView.mentioned)
            let labels = try await self.tasks.labels(
                for: found.items, mentioning: (mentioned.flatMap(\.people), mentioned.flatMap(\.places)), as: principal)
            let rows: [GridTaskRow] = found.items.map { t in
                GridTaskRow(
                    id: t.id, kind: Strings.text("task.\(t.kind.rawValue)", lang), note: TaskNoteView.words(t, labels: labels, lang), state: Strings.text("state.\(t.state.rawValue)", lang),
                    due: pages.time(t.dueAt), overdue: t.isOverdue(at: now), grid: t.gridID, open: t.state == .open,
                    // Values only when there is one (nil leaves the key out): mustache treats an empty string as true.
                    person: t.person, personName: t.person.map { labels.people[$0] ?? $0 }, household: t.household,
                    escalatedTo: t.escalation > 0 ? Escalation.area(gridPath: t.gridPath, level: t.escalation).map { labels.areas[$0] ?? $0 } ?? "" : nil,
                    distance: here.flatMap { position in
                        NearestFirst.metres(t, latitude: position.0, longitude: position.1).flatMap { m in m.isFinite ? Int(m.rounded()) : nil }
                    },
                    helpRequest: t.kind == .helpRequest ? t.factKey.split(separator: ":").last.map(String.init) : nil,
                    compound: t.kind == .screening ? t.place : nil)
            }
            let counts = try await self.tasks.counts(for: principal, in: areaID)
            let page = GridTasksPage(
                tasks: rows, hasTasks: !rows.isEmpty, isOfficer: AccessPolicy.may(principal, .createTasks), message: q.get("message"),
                newTask: NewTaskTyped(grid: q.get("new_grid") ?? "", note: q.get("new_note") ?? "", dueHours: q.get("new_dueHours") ?? "24", problem: q.get("new_problem")),
                filters: TaskFilterForm.make(filter, counts: counts, lang: lang), pager: Pager(found, path: "/grid", query: q, lang: lang),
                areaFilter: try await directory.filter(selected: areaID, as: principal, path: "/grid", query: q))
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
                return redirect("/grid", message: problem.message(Language.of(request)))
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
                return redirect("/grid", message: Strings.text("taskCreated", Language.of(request)))
            } catch let problem as any GridProblem {
                // Nothing stored: the new-task form comes back as typed, with why.
                let items = [("grid", form.grid), ("note", form.note), ("dueHours", form.dueHours), ("problem", problem.message(Language.of(request)))]
                return Response(
                    status: .seeOther, headers: [.location: SitePath.link("/grid", items.map { URLQueryItem(name: "new_" + $0.0, value: $0.1) }, fragment: "new-task")])
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
    /// The new-task form: empty, or as typed when it was refused.
    let newTask: NewTaskTyped
    let filters: TaskFilterForm
    let pager: Pager
    let areaFilter: AreaFilter?
}

/// What the new-task form holds, and why it was refused when it was.
struct NewTaskTyped: Sendable {
    let grid: String
    let note: String
    let dueHours: String
    let problem: String?
}

/// The task list's filters: kind and state, each option with how many tasks it holds (counted in
/// the store), and "overdue only"; the current choice selected.
struct TaskFilterForm: Sendable {
    let kinds: [Option]
    let states: [Option]
    let overdue: Bool

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    static func make(_ filter: TaskFilter, counts: [TaskCount], lang: Language) -> TaskFilterForm {
        let active: Set<TaskState> = [.open, .inProgress]
        let shownStates = filter.states
        // Kind counts follow the chosen states; state counts follow the chosen kind.
        let kinds = [Option(value: "", label: Strings.text("filter.allKinds", lang) + " (\(counts.filter { shownStates.contains($0.state) }.reduce(0) { $0 + $1.count }))", selected: filter.kind == nil)]
            + TaskKind.allCases.map { kind in
                let n = counts.filter { $0.kind == kind && shownStates.contains($0.state) }.reduce(0) { $0 + $1.count }
                return Option(value: kind.rawValue, label: Strings.text("task.\(kind.rawValue)", lang) + " (\(n))", selected: filter.kind == kind)
            }
        let ofKind = counts.filter { filter.kind == nil || $0.kind == filter.kind }
        let states = [Option(value: "", label: Strings.text("filter.activeStates", lang) + " (\(ofKind.filter { active.contains($0.state) }.reduce(0) { $0 + $1.count }))", selected: filter.states == active)]
            + TaskState.allCases.map { state in
                let n = ofKind.filter { $0.state == state }.reduce(0) { $0 + $1.count }
                return Option(value: state.rawValue, label: Strings.text("state.\(state.rawValue)", lang) + " (\(n))", selected: filter.states == [state])
            }
        return TaskFilterForm(kinds: kinds, states: states, overdue: filter.overdueAt != nil)
    }
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
    /// The person by (masked) name; the id stays in the link.
    let personName: String?
    let household: String?
    let escalatedTo: String?
    let distance: Int?
    /// A help request's page, where it is read and answered.
    var helpRequest: String? = nil
    /// A screening task's compound: its coverage by building.
    var compound: String? = nil
}

/// A See Other to a page, with a message for it to show.
func redirect(_ path: String, message: String? = nil) -> Response {
    let location = message.map { path + (path.contains("?") ? "&" : "?") + "message=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? path
    return Response(status: .seeOther, headers: [.location: location])
}
