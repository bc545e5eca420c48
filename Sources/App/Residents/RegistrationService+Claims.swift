import Domain
import Foundation
import Privacy

/// Claims: someone applied with an identity number the register holds, from another phone.
/// Nothing was linked then (anyone may know a neighbour's number). The grid worker sees the
/// person and their papers, and either links the phone that applied — typed from the person's
/// own phone, and checked against the one that proved itself by SMS — or rejects the claim.
extension RegistrationService {
    public enum ClaimProblem: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not a pending claim on this person (decided already, or never one).
        case notPending
        /// The phone typed is not the one that applied.
        case otherPhone(applied: String)
        case phone(String)

        public var description: String {
            switch self {
            case .notPending: "this claim was decided already"
            case .otherPhone(let masked): "phone: this is not the phone that applied (\(masked))"
            case .phone(let reason): "phone: \(reason)"
            }
        }
    }

    /// A person's claims still to decide, newest first.
    public func pendingClaims(_ personID: String) async throws -> [Registration] {
        try await store.registrations(person: personID).filter { $0.kind == .claim && $0.isPending }
    }

    /// Links the phone that applied to the person (`phone`: as the person shows it), or rejects
    /// the claim (`phone` nil). Audited; the grid task the claim raised is closed.
    public func decideClaim(_ registrationID: String, person personID: String, linking phone: String?, as principal: Principal) async throws {
        try await directory.authorize(principal, .contactPeople, kind: "person", id: personID)
        let resident = try await directory.resident(personID, as: principal, for: .contactPeople)
        guard let claim = try await pendingClaims(personID).first(where: { $0.id == registrationID }) else { throw ClaimProblem.notPending }
        var replacing: SealedResident? = nil
        if let phone {
            let normalized: String
            do { normalized = try PhoneNumber.normalize(phone) } catch { throw ClaimProblem.phone(error.description) }
            guard vault.blindIndex(normalized, kind: "phone") == claim.phoneIndex else { throw ClaimProblem.otherPhone(applied: claim.phoneMasked ?? "") }
            var person = try vault.open(resident)
            person.phone = normalized
            replacing = try vault.seal(person, areaPath: resident.areaPath)
        }
        let decision: ClaimDecision = phone == nil ? .rejected : .linked
        let done = try await store.decideClaim(
            registrationID: claim.id, decision: decision, replacing: replacing, taskKey: Self.taskKey(.verifyRegistration, claim), by: principal.auditName,
            at: clock.now(),
            audit: clock.event(
                principal.auditName, decision == .linked ? .registrationClaimLinked : .registrationClaimRejected, kind: "person", id: personID,
                detail: claim.phoneMasked ?? ""))
        guard done else { throw ClaimProblem.notPending }
    }
}
