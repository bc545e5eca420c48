import Domain
import Foundation
import Privacy

/// The only way to set a colour by hand: a proposal with a legal basis and an end, and a decision by
/// a second person (`OverridePolicy`). Every step is audited, the person is told by SMS in the same
/// transaction as the approval, and their status is recomputed at once.
public struct OverrideService: Sendable {
    let store: any ResidentRepository & HealthRepository & AuditLogRepository
    let profiles: ProfileStore
    let clock: WallClock
    let sms: SMSComposer
    let directory: PersonDirectory
    let statuses: StatusService

    /// Proposed colour changes for people in the principal's jurisdiction, oldest first.
    public func pending(as principal: Principal, page: PageRequest) async throws -> ListPage<OverrideRequest> {
        guard AccessPolicy.may(principal, .proposeOverrides) || AccessPolicy.may(principal, .decideOverrides), let root = principal.jurisdiction else {
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .decideOverrides)
        }
        return try await store.pendingOverrideRequests(within: root, page: page)
    }

    public func propose(person: String, colour: HealthColour, legalBasis: String, until: Date, as principal: Principal) async throws -> OverrideRequest {
        let now = clock.now()
        do {
            try OverridePolicy.checkProposal(by: principal, legalBasis: legalBasis, until: until, now: now, maxDays: profiles.profile.colours.overrideMaxDays)
        } catch {
            try await refuse(principal, person: person, .overridePropose, error)
            throw error
        }
        _ = try await directory.resident(person, as: principal, for: .proposeOverrides)  // the jurisdiction check, audited
        let request = OverrideRequest(
            id: "OVR-" + UUID().uuidString.prefix(8).lowercased(), person: person, colour: colour, legalBasis: legalBasis.trimmingCharacters(in: .whitespaces),
            until: until, proposer: principal.auditName, proposedAt: now)
        try await store.insertOverrideRequest(
            request,
            audit: clock.event(
                principal.auditName, .overridePropose, kind: "person", id: person,
                detail: "\(request.id): \(colour.rawValue) until \(Timestamp.format(until)); basis: \(request.legalBasis)"))
        return request
    }

    public func decide(_ id: String, approve: Bool, note: String?, as principal: Principal) async throws -> OverrideRequest {
        // A role that may not decide learns nothing, not even whether the request exists.
        guard AccessPolicy.may(principal, .decideOverrides) else {
            try await store.appendAudit(
                clock.event(principal.auditName, .accessDenied, kind: "override request", id: id, detail: "override.decide: the role may not decide"))
            throw OverridePolicy.Refusal.roleMayNotApprove(principal.role)
        }
        guard var request = try await store.overrideRequest(id: id) else { throw StoreError.notFound(kind: "override request", id: id) }
        guard let resident = try await store.resident(id: request.person) else { throw StoreError.notFound(kind: "person", id: request.person) }
        do {
            try OverridePolicy.checkDecision(by: principal, of: request, personAreaPath: resident.areaPath)
        } catch {
            try await refuse(principal, person: request.person, approve ? .overrideApprove : .overrideReject, error)
            throw error
        }
        request.state = approve ? .approved : .rejected
        request.approver = principal.auditName
        request.decidedAt = clock.now()
        request.decisionNote = note
        let message = approve ? try notification(for: resident, request) : nil
        let decided = try await store.decideOverride(
            request, notify: message,
            audit: clock.event(
                principal.auditName, approve ? .overrideApprove : .overrideReject, kind: "person", id: request.person,
                detail: "\(request.id) proposed by \(request.proposer)\(note.map { "; note: \($0)" } ?? "")"))
        guard decided else { throw OverridePolicy.Refusal.alreadyDecided }
        try await statuses.refresh(request.person)
        return request
    }

    /// The SMS that tells the person their colour was set by hand, why, and until when.
    func notification(for resident: SealedResident, _ r: OverrideRequest) throws -> OutboxMessage? {
        let colourZh = ["red": "红码", "yellow": "黄码", "green": "绿码"][r.colour.rawValue] ?? r.colour.rawValue
        return try sms.sms(
            to: resident, .manualColour,
            ["colourZh": colourZh, "colour": r.colour.rawValue, "basis": r.legalBasis, "until": Timestamp.format(r.until)])
    }

    private func refuse(_ principal: Principal, person: String, _ action: AuditAction, _ error: any Error) async throws {
        try await store.appendAudit(clock.event(principal.auditName, .accessDenied, kind: "person", id: person, detail: "\(action): \(error)"))
    }
}
