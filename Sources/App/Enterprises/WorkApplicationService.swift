import Credentials
import Domain
import Foundation
import Privacy

/// Return-to-work applications (复工申请): an approved enterprise applies with its prevention plan
/// and headcount (the share of its consenting employees who are green is read, not typed); the
/// district approves, asks for changes or refuses, always with its reason for the last two; the
/// decision is audited and told to the contact. An approved application prints a certificate
/// that verifies offline; revoking the approval revokes every certificate printed for it.
public struct WorkApplicationService: Sendable {
    let store: any EnterpriseRepository & OutboxRepository & AuditLogRepository
    let credentials: CredentialService
    let profiles: ProfileStore
    let sms: SMSComposer
    let clock: WallClock
    let directory: PersonDirectory

    public enum Decision: String, Sendable, CaseIterable {
        case approve
        case changes
        case refuse
    }

    /// The checklist of the profile, each item with whether the plan ticks it.
    public var checklist: [String] { profiles.profile.enterprises.checklist }

    public func submit(plan ticked: Set<String>, headcount typed: String, as principal: Principal) async throws -> WorkApplication {
        let enterprise = try await ownEnterprise(principal)
        guard enterprise.state == .approved else { throw WorkApplication.Problem.enterpriseNotApproved }
        let headcount = try WorkApplication.headcount(typed)
        let open = try await store.applications(enterpriseID: enterprise.id).contains { $0.state == .submitted || $0.state == .approved }
        guard !open else { throw WorkApplication.Problem.alreadyOpen }
        let counts = try await store.employeeCounts(enterpriseID: enterprise.id, at: clock.now())
        let plan = Dictionary(checklist.map { ($0, ticked.contains($0)) }, uniquingKeysWith: { a, _ in a })
        let application = WorkApplication(
            id: "RTW-" + SecretToken.shortID(6), enterpriseID: enterprise.id, enterpriseName: enterprise.name,
            areaPath: enterprise.areaPath, plan: plan, headcount: headcount, employees: counts.consented, green: counts.green, submittedBy: principal.auditName,
            submittedAt: clock.now())
        try await store.submitApplication(
            application, audit: clock.event(principal.auditName, .workApply, kind: "enterprise", id: enterprise.id, detail: application.id))
        return application
    }

    /// The applications an officer may see (waiting first), or an enterprise's own.
    public func list(state: WorkApplication.State?, page: PageRequest, as principal: Principal) async throws -> ListPage<WorkApplication> {
        if principal.enterpriseID != nil {
            let own = try await store.applications(enterpriseID: try await ownEnterprise(principal).id).filter { state == nil || $0.state == state }
            return ListPage(items: own, total: own.count, request: PageRequest(offset: 0, limit: PageRequest.maxLimit))
        }
        try await directory.authorize(principal, .registerEnterprises, kind: "work-application", id: "list")
        guard let root = principal.jurisdiction else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "work-application", id: "list") }
        return try await store.applications(within: root, state: state, page: page)
    }

    /// One application, for its enterprise's accounts or an officer of its area.
    public func application(_ id: String, as principal: Principal) async throws -> WorkApplication {
        guard let application = try await store.application(id: id) else { throw StoreError.notFound(kind: "work-application", id: id) }
        let permission: Permission = principal.enterpriseID == nil ? .registerEnterprises : .applyReturnToWork
        try await directory.authorize(principal, permission, .enterprise(id: application.enterpriseID, path: application.areaPath))
        return application
    }

    public func decide(_ id: String, _ decision: Decision, reason typed: String, as principal: Principal) async throws -> WorkApplication {
        guard var application = try await store.application(id: id) else { throw StoreError.notFound(kind: "work-application", id: id) }
        try await directory.authorize(principal, .approveEnterprises, .enterprise(id: application.enterpriseID, path: application.areaPath))
        guard application.state == .submitted else { throw WorkApplication.Problem.notDecidable(application.state) }
        let reason = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard decision == .approve || !reason.isEmpty else { throw WorkApplication.Problem.reasonMissing }
        application.state = switch decision {
        case .approve: .approved
        case .changes: .changesRequested
        case .refuse: .refused
        }
        application.decidedBy = principal.auditName
        application.decidedAt = clock.now()
        application.reason = reason.isEmpty ? nil : reason
        let action: AuditAction = switch decision {
        case .approve: .workApprove
        case .changes: .workChanges
        case .refuse: .workRefuse
        }
        guard try await store.updateApplication(
            application, from: [.submitted], audit: clock.event(principal.auditName, action, kind: "enterprise", id: application.enterpriseID, detail: "\(id) \(reason)"))
        else { throw WorkApplication.Problem.notDecidable(try await store.application(id: id)?.state ?? .submitted) }
        try await tell(application, decision: decision, reason: reason)
        return application
    }

    /// A certificate for an approved application: signed now, its id kept with the application.
    public func certificate(_ id: String, as principal: Principal) async throws -> (text: String, certificate: EnterpriseCertificate, application: WorkApplication) {
        var application = try await application(id, as: principal)
        guard application.state == .approved, let enterprise = try await store.enterprise(id: application.enterpriseID) else {
            throw WorkApplication.Problem.notDecidable(application.state)
        }
        let issued = try credentials.issueCertificate(kind: "return-to-work", enterpriseName: enterprise.name, creditCode: enterprise.creditCode, detail: application.id)
        let hex = Hex.encode(issued.certificate.id)
        application.certificates.append(hex)
        guard try await store.updateApplication(
            application, from: [.approved], audit: clock.event(principal.auditName, .certificateIssue, kind: "enterprise", id: enterprise.id, detail: "\(id) \(hex)"))
        else { throw WorkApplication.Problem.notDecidable(.revoked) }
        return (issued.text, issued.certificate, application)
    }

    /// The district withdraws an approval: every certificate printed for it stops verifying.
    public func revoke(_ id: String, reason typed: String, as principal: Principal) async throws -> WorkApplication {
        guard var application = try await store.application(id: id) else { throw StoreError.notFound(kind: "work-application", id: id) }
        try await directory.authorize(principal, .approveEnterprises, .enterprise(id: application.enterpriseID, path: application.areaPath))
        guard application.state == .approved else { throw WorkApplication.Problem.notDecidable(application.state) }
        let reason = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw WorkApplication.Problem.reasonMissing }
        application.state = .revoked
        application.decidedBy = principal.auditName
        application.decidedAt = clock.now()
        application.reason = reason
        guard try await store.updateApplication(
            application, from: [.approved], audit: clock.event(principal.auditName, .workRevoke, kind: "enterprise", id: application.enterpriseID, detail: "\(id) \(reason)"))
        else { throw WorkApplication.Problem.notDecidable(try await store.application(id: id)?.state ?? .approved) }
        for certificate in application.certificates { try await credentials.revoke(certificate, actor: principal.auditName) }
        try await tell(application, decision: nil, reason: reason)
        return application
    }

    private func tell(_ application: WorkApplication, decision: Decision?, reason: String) async throws {
        guard let enterprise = try await store.enterprise(id: application.enterpriseID) else { return }
        let (zh, en) = switch decision {
        case .approve: ("已批准，可打印复工证明", "approved; print the certificate")
        case .changes: ("需修改后重新申请", "changes are needed before it is approved")
        case .refuse: ("未批准", "refused")
        case nil: ("批准已撤销，复工证明失效", "the approval is withdrawn and its certificates no longer verify")
        }
        let message = try sms.sms(
            to: enterprise.contactPhone, .workDecision, ["enterprise": enterprise.name, "decisionZh": zh, "decision": en, "reason": reason.isEmpty ? "" : reason])
        _ = try await store.enqueueAlerts([message], window: 0, audit: nil)
    }

    func ownEnterprise(_ principal: Principal) async throws -> Enterprise {
        guard let id = principal.enterpriseID else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .applyReturnToWork) }
        guard let enterprise = try await store.enterprise(id: id) else { throw StoreError.notFound(kind: "enterprise", id: id) }
        try await directory.authorize(principal, .applyReturnToWork, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        return enterprise
    }
}
