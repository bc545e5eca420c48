import Domain
import Foundation
import GridWork

/// Door-to-door screening (横到边、竖到底): a visit records who was home, their temperature and
/// symptoms and travel; each member seen becomes a check-in submitted by the visit, and their
/// colours are recomputed at once, so a fever found at the door turns that person yellow with the
/// visit as the reason.
public struct HouseholdVisitService: Sendable {
    let store: any GridRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory
    let statuses: StatusService

    public enum VisitError: Error, Equatable, CustomStringConvertible {
        case notAMember(String)
        case temperature(String, Double)

        public var description: String {
            switch self {
            case .notAMember(let p): "\(p) does not live in this household"
            case .temperature(let p, let t): "temperature of \(p): \(t) °C is not a body temperature (34–43)"
            }
        }
    }

    @discardableResult
    public func record(household id: String, members: [MemberCheck], travel: String?, as principal: Principal) async throws -> HouseholdVisit {
        let (household, residents) = try await directory.household(id, as: principal, for: .writePeople)
        let living = Set(residents.map(\.id))
        for m in members {
            guard living.contains(m.person) else { throw VisitError.notAMember(m.person) }
            if let t = m.temperature, !BodyTemperature.isPlausible(t) { throw VisitError.temperature(m.person, t) }
        }
        let travel = travel?.trimmingCharacters(in: .whitespacesAndNewlines)
        let visit = HouseholdVisit(
            id: "V-" + UUID().uuidString.lowercased(), household: id, gridPath: household.areaPath, at: clock.now(), by: principal.auditName,
            members: members, travel: travel?.isEmpty == true ? nil : travel)
        let fevers = visit.fevers(feverCelsius: profiles.profile.colours.feverCelsius)
        try await store.insertVisit(
            visit, audit: clock.event(principal.auditName, .householdVisit, kind: "household", id: id, detail: "\(members.filter(\.present).count) seen, \(fevers) fevers"))
        try await statuses.refresh(members.filter(\.present).map(\.person))
        return visit
    }
}
