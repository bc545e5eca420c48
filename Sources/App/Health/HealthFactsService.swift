import Domain
import Foundation
import HealthRules

/// Gathers what the colour rules look at for one person from the store (`PersonFacts.assemble`
/// decides what counts).
struct HealthFactsService: Sendable {
    let services: CordonServices

    /// How far back check-ins and arrivals can still matter.
    var since: Date {
        services.now().addingTimeInterval(-Double(max(30, services.profile.colours.arrivalWindowDays * 2)) * 86_400)
    }

    func facts(for person: String) async throws -> PersonFacts {
        let store = services.store
        return PersonFacts.assemble(
            person: person, labs: try await store.labResults(person: person), record: try await store.caseRecord(person: person),
            exposures: try await store.exposures(person: person), arrivals: try await store.arrivals(person: person),
            checkIns: try await store.checkIns(person: person, since: since), overrides: try await store.overrideRequests(person: person),
            corrections: try await store.corrections(person: person), autoConfirm: services.profile.autoConfirm)
    }
}
