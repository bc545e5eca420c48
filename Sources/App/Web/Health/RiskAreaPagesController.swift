import Domain
import Foundation
import Hummingbird

/// Current medium and high risk compounds and communities, and every change of level, for staff.
struct RiskAreaPagesController {
    let profiles: ProfileStore
    let riskAreas: RiskAreaService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("risk-areas") { request, context in
            _ = try context.requirePrincipal(may: .readRiskAreas)
            let lang = Language.of(request)
            let report = try await riskAreas.report()
            let current: [[String: Any]] = report.current.map {
                ["id": $0.area.id, "name": $0.area.name, "level": $0.level.rawValue, "levelName": Strings.text("risk.\($0.level.rawValue)", lang), "cases": $0.cases]
            }
            let history: [[String: Any]] = report.history.reversed().prefix(200).map {
                [
                    "at": StatusView.local($0.at), "area": $0.area, "from": Strings.text("risk.\($0.from.rawValue)", lang),
                    "to": Strings.text("risk.\($0.to.rawValue)", lang), "up": $0.to > $0.from,
                ]
            }
            return pages.render(
                "risk-areas",
                ["current": current, "hasCurrent": !current.isEmpty, "history": history, "hasHistory": !history.isEmpty,
                 "windowDays": profiles.profile.riskAreas.windowDays, "high": profiles.profile.riskAreas.highCases],
                request: request, context: context)
        }
    }
}
