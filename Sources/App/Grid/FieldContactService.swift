import Domain
import Foundation
import Privacy

/// What field work needs to reach people (横到边、竖到底: door to door, and by phone): the grid
/// worker of a person's grid and the officers above see the address, and reveal the full phone
/// one person at a time with a reason picked from a list — each reveal is an audit entry naming
/// who, whom and why. Residents see their grid worker's name and work phone.
public struct FieldContactService: Sendable {
    let store: any AccountRepository & AuditLogRepository
    let vault: PersonalDataVault
    let clock: WallClock
    let directory: PersonDirectory

    /// Why a phone was revealed: a short list, so the audit log can be read and counted.
    public enum Reason: String, CaseIterable, Sendable {
        case visit
        case followUp = "follow-up"
        case screening
        case helpRequest = "help-request"
        case emergency
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownReason(String)
        case noPhone

        public var description: String {
            switch self {
            case .unknownReason(let r): "reason: \"\(r)\" is not one of \(Reason.allCases.map(\.rawValue).joined(separator: ", "))"
            case .noPhone: "no phone number is on record for this person"
            }
        }
    }

    /// The address of a resident the principal may contact (their grid or below their office);
    /// nil for anyone else. The person's record was just read through the directory (audited).
    public func address(of resident: SealedResident, as principal: Principal) throws -> String? {
        guard principal.isStaff, AccessPolicy.may(principal, .contactPeople, in: AreaPath(resident.areaPath)) else { return nil }
        return try vault.open(resident).address
    }

    /// The full phone number, for a call; refused outside the jurisdiction, audited with the reason.
    public func revealPhone(of personID: String, reason raw: String, as principal: Principal) async throws -> String {
        guard let reason = Reason(rawValue: raw) else { throw Problem.unknownReason(raw) }
        let resident = try await directory.resident(personID, as: principal, for: .contactPeople)
        guard let phone = try vault.open(resident).phone else { throw Problem.noPhone }
        try await store.appendAudit(clock.event(principal.auditName, .personPhoneReveal, kind: "person", id: personID, detail: reason.rawValue))
        return phone
    }

    /// The grid workers of the grid a resident lives in (enabled accounts), for their home page.
    public func gridWorkers(of resident: SealedResident) async throws -> [StaffAccount] {
        guard resident.areaPath.hasSuffix("/"), resident.areaID != nil else { return [] }
        let page = try await store.accountPage(within: AreaPath(resident.areaPath), matching: nil, page: PageRequest(offset: 0, limit: 20))
        return page.items.filter { $0.role == .gridWorker && !$0.disabled && $0.jurisdictionID == resident.areaID }
    }
}
