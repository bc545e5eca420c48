import Domain
import Foundation
import HealthRules

/// Risk levels of compounds and communities from the current cases (DESIGN §4), with every change
/// of level since the first case. Levels are a function of the cases and the time, so they are
/// computed, never set by hand, and their history is exactly reproducible.
public struct RiskAreaService: Sendable {
    let store: any AreaRepository & PlaceRepository & ResidentRepository & HealthRepository
    let profiles: ProfileStore
    let clock: WallClock
    let tracing: CaseTracing

    public struct Report: Sendable {
        /// (area id, level, cases in the window) for areas above low.
        public var current: [(area: Area, level: RiskLevel, cases: Int)]
        public var history: [RiskAreaEngine.Change]
    }

    public func report() async throws -> Report {
        let now = clock.now()
        let engine = RiskAreaEngine(rules: profiles.profile.riskAreas)
        let cases = try await areaCases()
        let levels = engine.levels(cases, at: now)
        let window = now.addingTimeInterval(-Double(profiles.profile.riskAreas.windowDays) * 86_400)
        var current: [(area: Area, level: RiskLevel, cases: Int)] = []
        for (id, level) in levels.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            let count = Set(cases.filter { $0.area == id && $0.at > window && $0.at <= now }.map(\.person)).count
            if let area = try await store.area(id: id) {
                current.append((area, level, count))
            } else if let place = try await store.place(id: id) {
                current.append((Area(id: place.id, name: place.name, level: .grid, parentID: place.areaID, path: ""), level, count))
            }
        }
        return Report(current: current, history: engine.history(cases, until: now))
    }

    /// Each case counted in its compound and in its community, at its first positive sample.
    func areaCases() async throws -> [RiskAreaEngine.AreaCase] {
        let directory = try await store.areaDirectory()
        var result: [RiskAreaEngine.AreaCase] = []
        for facts in try await tracing.cases(within: .everywhere, limit: 10_000) {
            if let record = try await store.caseRecord(person: facts.person), record.status == .discarded { continue }
            guard let resident = try await store.resident(id: facts.person) else { continue }
            if let compound = resident.compoundID {
                result.append(.init(area: compound, person: facts.person, at: facts.firstPositiveSample))
            }
            let community = resident.areaPath.split(separator: "/").map(String.init).first { directory[$0]?.level == .community }
            if let community { result.append(.init(area: community, person: facts.person, at: facts.firstPositiveSample)) }
        }
        return result
    }
}
