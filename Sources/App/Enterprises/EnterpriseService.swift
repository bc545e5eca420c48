import Domain
import Foundation

/// Enterprises back to work (复工复产): registration (by an officer, or by the enterprise on the
/// public form), the district's decision with its reasons, and the manager account an approval
/// opens. Every step is audited in the transaction that takes it; the contact is told by SMS.
public struct EnterpriseService: Sendable {
    let store: any EnterpriseRepository & AreaRepository & OutboxRepository & AuditLogRepository & AccountRepository
    let staff: StaffAdministration
    let sms: SMSComposer
    let clock: WallClock
    let directory: PersonDirectory

    /// Why a decision could not be taken, naming the field.
    public enum DecisionProblem: Error, Equatable, Sendable, CustomStringConvertible {
        case reasonMissing
        case notPending(Enterprise.State)

        public var field: String {
            switch self {
            case .reasonMissing: "reason"
            case .notPending: "decision"
            }
        }

        public var description: String {
            switch self {
            case .reasonMissing: "reason: say why it is refused, so the enterprise can mend it"
            case .notPending(let s): "decision: the enterprise is already \(s.rawValue)"
            }
        }
    }

    /// Registers an enterprise (pending the district). `principal` is nil for the enterprise's own
    /// form on the public site.
    public func register(_ draft: EnterpriseDraft, as principal: Principal?) async throws -> Enterprise {
        if let principal { try await directory.authorize(principal, .registerEnterprises, kind: "enterprise", id: "new") }
        let checked = try draft.check()
        let area = try await resolveArea(draft.area, for: principal)
        let enterprise = Enterprise(
            id: Enterprise.id(for: checked.code), name: checked.name, creditCode: checked.code.rawValue, address: checked.address, areaID: area.id,
            areaPath: area.path, contactName: checked.contactName, contactPhone: checked.contactPhone, registeredBy: principal?.auditName ?? "self",
            registeredAt: clock.now())
        do {
            try await store.registerEnterprise(
                enterprise, audit: clock.event(principal?.auditName ?? "public", .enterpriseRegister, kind: "enterprise", id: enterprise.id, detail: enterprise.name))
        } catch StoreError.duplicate {
            throw EnterpriseDraft.Problem.alreadyRegistered(checked.code.rawValue)
        }
        return enterprise
    }

    /// The enterprises an officer may see, pending first; counted in the store.
    public func list(state: Enterprise.State?, page: PageRequest, as principal: Principal) async throws -> ListPage<Enterprise> {
        try await directory.authorize(principal, .registerEnterprises, kind: "enterprise", id: "list")
        guard let root = principal.jurisdiction else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "enterprise", id: "list") }
        return try await store.enterprises(within: root, state: state, page: page)
    }

    /// One enterprise, for an officer of its area or its own accounts.
    public func enterprise(_ id: String, as principal: Principal) async throws -> Enterprise {
        guard let enterprise = try await store.enterprise(id: id) else { throw StoreError.notFound(kind: "enterprise", id: id) }
        let permission: Permission = principal.enterpriseID == nil ? .registerEnterprises : .manageEmployees
        try await directory.authorize(principal, permission, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        return enterprise
    }

    /// The district approves (opening the manager account, its one-time password returned to show
    /// once) or refuses with a reason; the contact is told either way.
    public func decide(_ id: String, approve: Bool, reason: String, as principal: Principal) async throws -> (enterprise: Enterprise, issued: StaffAdministration.Issued?) {
        guard var enterprise = try await store.enterprise(id: id) else { throw StoreError.notFound(kind: "enterprise", id: id) }
        try await directory.authorize(principal, .approveEnterprises, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        guard enterprise.state == .pending else { throw DecisionProblem.notPending(enterprise.state) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard approve || !reason.isEmpty else { throw DecisionProblem.reasonMissing }
        let now = clock.now()
        enterprise.state = approve ? .approved : .refused
        enterprise.decidedBy = principal.auditName
        enterprise.decidedAt = now
        enterprise.reason = reason.isEmpty ? nil : reason
        let issued = approve ? try await staff.enterpriseManager(for: enterprise) : nil
        let audit = clock.event(principal.auditName, approve ? .enterpriseApprove : .enterpriseRefuse, kind: "enterprise", id: enterprise.id, detail: reason)
        guard try await store.decideEnterprise(enterprise, account: issued?.account, audit: audit) else {
            throw DecisionProblem.notPending(try await store.enterprise(id: id)?.state ?? .pending)
        }
        let message =
            if let issued {
                try sms.sms(to: enterprise.contactPhone, .enterpriseApproved, ["enterprise": enterprise.name, "username": issued.account.username])
            } else {
                try sms.sms(to: enterprise.contactPhone, .enterpriseRefused, ["enterprise": enterprise.name, "reason": reason])
            }
        _ = try await store.enqueueAlerts([message], window: 0, audit: nil)
        return (enterprise, issued)
    }

    /// The manager gives the enterprise's health officer an account (one-time password, shown once):
    /// bound to the enterprise like the manager's, made by no one else.
    public func addHealthOfficer(username typed: String, displayName: String, as principal: Principal) async throws -> StaffAdministration.Issued {
        guard let id = principal.enterpriseID, let enterprise = try await store.enterprise(id: id) else {
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .manageEnterpriseAccounts)
        }
        try await directory.authorize(principal, .manageEnterpriseAccounts, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        let username = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard StaffAdministration.isUsername(username) else { throw StaffProblem.invalidUsername(typed) }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StaffProblem.missingDisplayName }
        var issued = try await staff.enterpriseManager(for: enterprise)
        (issued.account.id, issued.account.username, issued.account.displayName, issued.account.role) = ("acct-" + username, username, name, .enterpriseHealth)
        issued.account.workPhone = nil
        do {
            try await store.createAccount(
                issued.account, audit: clock.event(principal.auditName, .accountCreate, kind: "account", id: issued.account.id, detail: "enterprise-health for \(enterprise.id)"))
        } catch StoreError.duplicate {
            throw StaffProblem.usernameTaken(username)
        }
        return issued
    }

    /// An area by id, or by its exact name when that names one area (within an officer's jurisdiction).
    func resolveArea(_ typed: String, for principal: Principal?) async throws -> Area {
        let text = typed.trimmingCharacters(in: .whitespaces)
        let root = principal?.jurisdiction ?? .everywhere
        var found = try await store.area(id: text)
        if found == nil {
            let named = try await store.areas(named: text, within: root, limit: 20).filter { $0.name == text }
            if named.count == 1 { found = named.first }
        }
        guard let area = found else { throw EnterpriseDraft.Problem.unknownArea(text) }
        guard root.contains(AreaPath(area.path)) else { throw EnterpriseDraft.Problem.areaOutside(text) }
        return area
    }
}
