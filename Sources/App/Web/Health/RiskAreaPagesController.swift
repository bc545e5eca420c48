import Domain
import Foundation
import Hummingbird

/// Current medium and high risk compounds and communities, and every change of level, for staff.
struct RiskAreaPagesController {
    /// For the names of the compounds and communities in the history of changes.
    let store: any AreaRepository & PlaceRepository
    let profiles: ProfileStore
    let riskAreas: RiskAreaService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("risk-areas") { request, context in
            _ = try context.requirePrincipal(may: .readRiskAreas)
            let lang = Language.of(request)
            let report = try await riskAreas.report()
            let current = report.current.map {
                CurrentRiskRow(id: $0.area.id, name: $0.area.name, level: $0.level.rawValue, levelName: Strings.text("risk.\($0.level.rawValue)", lang), cases: $0.cases)
            }
            let changes = report.history.reversed().prefix(200)
            var names = Dictionary(report.current.map { ($0.area.id, $0.area.name) }, uniquingKeysWith: { a, _ in a })
            for id in Set(changes.map(\.area)) where names[id] == nil {
                if let area = try await store.area(id: id) { names[id] = area.name } else { names[id] = try await store.place(id: id)?.name }
            }
            let history = changes.map {
                RiskChangeRow(
                    at: pages.time($0.at), area: names[$0.area] ?? $0.area, from: Strings.text("risk.\($0.from.rawValue)", lang),
                    to: Strings.text("risk.\($0.to.rawValue)", lang), up: $0.to > $0.from)
            }
            let page = RiskAreasPage(
                current: current, hasCurrent: !current.isEmpty, history: history, hasHistory: !history.isEmpty,
                windowDays: profiles.profile.riskAreas.windowDays, high: profiles.profile.riskAreas.highCases)
            return pages.render("risk-areas", page, request: request, context: context)
        }
    }

    /// The areas at medium or high risk now, the last 200 changes of level (newest first), and the
    /// rule's window (days) and high-risk case count for the page's introduction.
    struct RiskAreasPage: PageModel {
        let current: [CurrentRiskRow]
        let hasCurrent: Bool
        let history: [RiskChangeRow]
        let hasHistory: Bool
        let windowDays: Int
        let high: Int
    }

    /// An area at risk now: its level (`level` for the row's class) and the cases in the window.
    struct CurrentRiskRow: Sendable {
        let id: String
        let name: String
        let level: String
        let levelName: String
        let cases: Int
    }

    /// A change of an area's level, in words; `up` when the level rose.
    struct RiskChangeRow: Sendable {
        let at: String
        let area: String
        let from: String
        let to: String
        let up: Bool
    }
}
