import Domain
import Foundation

/// The facts the minute-by-minute rules look at (grid tasks, alerts): everything recorded within
/// the longest arrival or quarantine window, without the arrivals and exposures an upheld appeal
/// found wrong (they make no colour, so they make no task and no message either).
public struct RecentFacts: Sendable {
    let store: any HealthRepository
    let profiles: ProfileStore
    let clock: WallClock

    public func load() async throws -> HealthFactRows {
        let colours = profiles.profile.colours
        let window = Double(max(colours.arrivalWindowDays, colours.quarantineDays) + 1) * 86_400
        var facts = try await store.healthFacts(since: clock.now().addingTimeInterval(-window))
        let corrected = Set(facts.corrections.map { "\($0.person)/\($0.factKind)/\($0.factID)" })
        facts.arrivals.removeAll { corrected.contains("\($0.person)/arrival/\($0.id)") }
        facts.exposures.removeAll { corrected.contains("\($0.person)/exposure/\($0.caseID)") }
        return facts
    }
}
