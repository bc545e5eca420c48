import Domain
import Foundation

extension PersonFacts {
    /// One person's facts from stored rows: the case their lab results make, as the epidemiologist's
    /// record corrects it; exposures and arrivals an upheld appeal did not find wrong; check-ins,
    /// negative tests and approved overrides. Shared by the per-person and the full recompute.
    public static func assemble(
        person: String, labs: [LabResult], record: CaseRecord?, exposures: [ContactExposure], arrivals: [Arrival], checkIns: [CheckIn],
        overrides: [OverrideRequest], corrections: [FactCorrection], autoConfirm: Bool
    ) -> PersonFacts {
        var facts = PersonFacts(person: person)
        facts.caseFacts = CaseFacts.resolve(CaseFacts.derive(person: person, from: labs, autoConfirmPCR: autoConfirm), record: record)
        let corrected = Set(corrections.map { "\($0.factKind)/\($0.factID)" })
        facts.exposures = exposures.filter { !corrected.contains("exposure/\($0.caseID)") }
        facts.arrivals = arrivals.filter { !corrected.contains("arrival/\($0.id)") }
        facts.checkIns = checkIns
        facts.negativeTests = labs.filter { $0.result == .negative }.map(\.sampledAt)
        facts.overrides = overrides.compactMap(\.approved)
        return facts
    }
}
