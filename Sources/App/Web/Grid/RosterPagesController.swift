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
            let q = request.uri.queryParameters
            let now = localTime.input(clock.now()), later = localTime.input(clock.now().addingTimeInterval(8 * 3600))
            let rows: [CheckpointRosterRow] = checkpoints.map { c in
                // A refused shift comes back to its checkpoint's form, as typed.
                let refused = q.get("place") == c.place.id
                return CheckpointRosterRow(
                    id: c.place.id, name: c.place.name, problem: refused ? q.get("problem") : nil,
                    formFrom: refused ? q.get("from") ?? now : now, formTo: refused ? q.get("to") ?? later : later, formStaff: refused ? q.get("staff") ?? "" : "",
                    shifts: c.shifts.map { s in
                        // Values only when there is one (nil leaves the key out): mustache treats an empty string as true.
                        RosterShiftRow(
                            id: s.id, from: pages.time(s.startsAt), to: pages.time(s.endsAt), staff: s.staff.joined(separator: ", "),
                            started: s.startedAt.map { pages.time($0) }, ended: s.endedAt.map { pages.time($0) })
                    },
                    gaps: c.gaps.map { RosterGapRow(from: pages.time($0.from), to: pages.time($0.to)) }, hasGaps: !c.gaps.isEmpty)
            }
            let page = RostersPage(checkpoints: rows, message: q.get("message"))
            return pages.render("rosters", page, request: request, context: context)
        }
        router.post("rosters") { request, context in
            let principal = try context.requirePrincipal(may: .manageRosters)
            let form = try await request.decode(as: ShiftForm.self, context: context)
            let lang = Language.of(request)
            let refused = { (problem: String) in
                SitePath.refused(
                    "/rosters", typed: [("place", form.place), ("from", form.from), ("to", form.to), ("staff", form.staff)], problem: problem,
                    fragment: "checkpoint-\(form.place)")
            }
            guard let from = localTime.date(fromInput: form.from), let to = localTime.date(fromInput: form.to) else {
                return refused(Strings.text("rosterProblem.times", lang))
            }
            do {
                try await rosters.plan(
                    at: form.place, from: from, to: to, staff: form.staff.split(whereSeparator: { $0 == "," || $0 == "，" }).map(String.init), as: principal)
                return redirect("/rosters", message: Strings.text("shiftPlanned", lang))
            } catch let problem as any GridProblem {
                return refused(problem.message(lang))
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

/// The checkpoints' rosters, with the plan-a-shift form prefilled from now to eight hours later.
struct RostersPage: PageModel {
    let checkpoints: [CheckpointRosterRow]
    let message: String?
}

/// A checkpoint with its shifts of the next 24 hours and the unstaffed gaps.
struct CheckpointRosterRow: Sendable {
    let id: String
    let name: String
    /// Why a shift of this checkpoint was refused; the form then holds what was typed.
    let problem: String?
    /// The plan-a-shift form: `datetime-local` values on the city's clock (now to eight hours later by default).
    let formFrom: String
    let formTo: String
    let formStaff: String
    let shifts: [RosterShiftRow]
    let gaps: [RosterGapRow]
    let hasGaps: Bool
}

/// A planned shift; `started` and `ended` only once they were marked.
struct RosterShiftRow: Sendable {
    let id: String
    let from: String
    let to: String
    let staff: String
    let started: String?
    let ended: String?
}

/// Unstaffed hours at a checkpoint.
struct RosterGapRow: Sendable {
    let from: String
    let to: String
}
