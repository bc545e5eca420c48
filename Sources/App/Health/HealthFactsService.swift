import Domain
import Foundation
import HealthRules

/// Gathers what the colour rules look at for one person from the store (`PersonFacts.assemble`
/// decides what counts).
public struct HealthFactsService: Sendable {
    let store: any FeedRepository & HealthRepository
    let profiles: ProfileStore
    let clock: WallClock

    /// How far back check-ins and arrivals can still matter.
    var since: Date {
        clock.now().addingTimeInterval(-Double(max(30, profiles.profile.colours.arrivalWindowDays * 2)) * 86_400)
    }

    func facts(for person: String) async throws -> PersonFacts {
        PersonFacts.assemble(
            person: person, labs: try await store.labResults(person: person), record: try await store.caseRecord(person: person),
            exposures: try await store.exposures(person: person), arrivals: try await store.arrivals(person: person),
            checkIns: try await store.checkIns(person: person, since: since), overrides: try await store.overrideRequests(person: person),
            corrections: try await store.corrections(person: person), autoConfirm: profiles.profile.autoConfirm)
    }
}
