import Domain
import Foundation
import HealthRules

/// Gathers what the colour rules look at for one person from the store: their case (lab results as
/// the epidemiologist's record corrects them), the exposures tracing found, arrivals, check-ins,
/// negative tests and approved overrides.
struct HealthFactsService: Sendable {
    let services: CordonServices

    func facts(for person: String) async throws -> PersonFacts {
        let store = services.store
        let labs = try await store.labResults(person: person)
        var facts = PersonFacts(person: person)
        if let derived = CaseFacts.derive(person: person, from: labs, autoConfirmPCR: services.profile.autoConfirm) {
            facts.caseFacts = derived
        }
        if let record = try await store.caseRecord(person: person) {
            switch record.status {
            case .discarded: facts.caseFacts = nil
            case .confirmed, .suspected:
                let sample = facts.caseFacts?.firstPositiveSample ?? record.updatedAt
                facts.caseFacts = CaseFacts(
                    person: person, status: record.status == .confirmed ? .confirmed : .suspected, firstPositiveSample: sample, onset: record.onset,
                    isolatedAt: record.isolatedAt)
            }
        }
        // Facts an upheld appeal found wrong are left out; the records stay for the audit.
        let corrected = Set(try await store.corrections(person: person).map { "\($0.factKind)/\($0.factID)" })
        facts.exposures = try await store.exposures(person: person).filter { !corrected.contains("exposure/\($0.caseID)") }
        facts.arrivals = try await store.arrivals(person: person).filter { !corrected.contains("arrival/\($0.id)") }
        let since = services.now().addingTimeInterval(-Double(max(30, services.profile.colours.arrivalWindowDays * 2)) * 86_400)
        facts.checkIns = try await store.checkIns(person: person, since: since)
        facts.negativeTests = labs.filter { $0.result == .negative }.map(\.sampledAt)
        facts.overrides = try await store.overrideRequests(person: person).compactMap(\.approved)
        return facts
    }
}
