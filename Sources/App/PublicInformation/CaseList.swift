import Domain
import Foundation

/// The cases the public figures count: confirmed (by PCR or an epidemiologist), not discarded,
/// with the district they live in and the local day of their first positive sample.
public struct CaseList: Sendable {
    let store: any AreaRepository & ResidentRepository
    let profiles: ProfileStore
    let tracing: CaseTracing

    public struct Case: Sendable {
        var person: String
        var districtID: String?
        var day: CalendarDate
        var facts: CaseFacts
        var resident: SealedResident
    }

    /// The confirmed cases living within `area` (the whole city by default).
    func confirmed(within area: AreaPath = .everywhere) async throws -> [Case] {
        let directory = try await store.areaDirectory()
        let offset = profiles.profile.colours.dayOffsetMinutes
        var out: [Case] = []
        for candidate in try await tracing.cases(within: area, limit: 100_000) {
            // Only "not a case (any more)" leaves a person out; a failing store fails the bulletin
            // rather than publishing a count that silently misses cases.
            let facts: CaseFacts
            do {
                facts = try await tracing.facts(of: candidate.person)
            } catch StoreError.notFound {
                continue
            }
            guard facts.status == .confirmed, let resident = try await store.resident(id: facts.person) else { continue }
            let district = resident.areaPath.split(separator: "/").map(String.init).first { directory[$0]?.level == .district }
            let day = CalendarDate(localDayOf: facts.firstPositiveSample, offsetMinutes: offset)
            out.append(Case(person: facts.person, districtID: district, day: day, facts: facts, resident: resident))
        }
        return out.sorted { ($0.day, $0.person) < ($1.day, $1.person) }
    }
}
