import Domain
import Foundation
import Hummingbird

/// Screening coverage of a compound by building (楼栋): "building 3: 42 of 48 households visited
/// today", for the grid workers and officers of the compound's area.
struct CoveragePagesController {
    let store: any PlaceRepository & AreaRepository & GridRepository
    let directory: PersonDirectory
    let clock: WallClock
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("grid/compounds/:id") { request, context in
            let principal = try context.requirePrincipal(may: .workTasks)
            let id = try context.parameters.require("id")
            guard let place = try await store.place(id: id), place.kind == .compound, let areaID = place.areaID, let area = try await store.area(id: areaID)
            else { throw HTTPError(.notFound) }
            try await directory.authorize(principal, .workTasks, .gridWork(kind: "compound", id: id, path: area.path))
            let lang = Language.of(request)
            let local = LocalTime(offsetMinutes: pages.profiles.profile.colours.dayOffsetMinutes)
            let day = request.uri.queryParameters.get("day").flatMap { CalendarDate(iso: $0) } ?? pages.day(clock.now())
            let from = local.startOfDay(day)
            let rows = try await store.buildingCoverage(compound: id, from: from, to: from.addingTimeInterval(86_400)).map { c in
                CoverageRow(
                    building: c.building.map { Strings.text("coverage.building", lang, $0) } ?? Strings.text("coverage.noBuilding", lang),
                    text: Strings.text("coverage.visited", lang, "\(c.visited)", "\(c.households)"),
                    percent: c.households == 0 ? 0 : c.visited * 100 / c.households, complete: c.households > 0 && c.visited >= c.households)
            }
            let page = CoveragePage(compound: place.name, day: day.description, rows: rows, empty: rows.isEmpty)
            return pages.render("coverage", page, request: request, context: context)
        }
    }
}

struct CoveragePage: PageModel {
    let compound: String
    let day: String
    let rows: [CoverageRow]
    let empty: Bool
}

struct CoverageRow: Sendable {
    let building: String
    let text: String
    let percent: Int
    let complete: Bool
}
