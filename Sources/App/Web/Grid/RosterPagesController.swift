import Domain
import Foundation
import Hummingbird

/// Checkpoint duty rosters: shifts of the next 24 hours with the unstaffed gaps, a form to plan a
/// shift, and buttons to record when a shift really started and ended.
struct RosterPagesController {
    let clock: WallClock
    let profiles: ProfileStore
    let rosters: RosterService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("rosters") { request, context in
            let principal = try context.requirePrincipal(may: .manageRosters)
            let checkpoints = try await rosters.rosters(as: principal)
            let rows: [[String: Any]] = checkpoints.map { c in
                [
                    "id": c.place.id, "name": c.place.name,
                    "shifts": c.shifts.map { s in
                        // Keys only when there is a value: mustache treats an empty string as true.
                        var row: [String: Any] = [
                            "id": s.id, "from": StatusView.local(s.startsAt), "to": StatusView.local(s.endsAt), "staff": s.staff.joined(separator: ", "),
                        ]
                        if let at = s.startedAt { row["started"] = StatusView.local(at) }
                        if let at = s.endedAt { row["ended"] = StatusView.local(at) }
                        return row
                    },
                    "gaps": c.gaps.map { ["from": StatusView.local($0.from), "to": StatusView.local($0.to)] }, "hasGaps": !c.gaps.isEmpty,
                ]
            }
            var values: [String: Any] = [
                "checkpoints": rows, "now": localTime.input(clock.now()), "later": localTime.input(clock.now().addingTimeInterval(8 * 3600)),
            ]
            if let m = request.uri.queryParameters.get("message") { values["message"] = m }
            return pages.render("rosters", values, request: request, context: context)
        }
        router.post("rosters") { request, context in
            let principal = try context.requirePrincipal(may: .manageRosters)
            let form = try await request.decode(as: ShiftForm.self, context: context)
            guard let from = localTime.date(fromInput: form.from), let to = localTime.date(fromInput: form.to) else {
                return redirect("/rosters", message: "from/to: YYYY-MM-DDTHH:MM expected")
            }
            do {
                try await rosters.plan(
                    at: form.place, from: from, to: to, staff: form.staff.split(whereSeparator: { $0 == "," || $0 == "，" }).map(String.init), as: principal)
                return redirect("/rosters")
            } catch let problem as any GridProblem {
                return redirect("/rosters", message: problem.description)
            }
        }
        router.post("rosters/:id/:mark") { request, context in
            let principal = try context.requirePrincipal(may: .manageRosters)
            let mark = try context.parameters.require("mark")
            guard mark == "start" || mark == "end" else { throw HTTPError(.notFound) }
            try await rosters.mark(try context.parameters.require("id"), started: mark == "start", as: principal)
            return redirect("/rosters")
        }
    }

    struct ShiftForm: Decodable {
        var place: String
        var from: String
        var to: String
        var staff: String
    }

    /// Form times are read on the city's clock (the profile's offset), as every page shows times.
    var localTime: LocalTime { LocalTime(offsetMinutes: profiles.profile.colours.dayOffsetMinutes) }
}
