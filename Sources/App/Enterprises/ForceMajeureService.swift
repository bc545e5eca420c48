import Credentials
import Domain
import Foundation
import Privacy

/// Certificates of force majeure (不可抗力证明): a registered enterprise asks, naming what kept it
/// from performing and the contract; the district issues it or refuses it with a reason. An issued
/// request prints a certificate signed like a health code (its QR verifies offline).
public struct ForceMajeureService: Sendable {
    let store: any EnterpriseRepository & AuditLogRepository
    let credentials: CredentialService
    let clock: WallClock
    let directory: PersonDirectory

    public func request(reason: String, contract: String, as principal: Principal) async throws -> ForceMajeureRequest {
        let enterprise = try await ownEnterprise(principal)
        guard enterprise.state == .approved else { throw ForceMajeureRequest.Problem.enterpriseNotApproved }
        let request = ForceMajeureRequest(
            id: "FM-" + SecretToken.shortID(6), enterpriseID: enterprise.id, enterpriseName: enterprise.name,
            areaPath: enterprise.areaPath, reason: try ForceMajeureRequest.text(reason, field: "reason"),
            contract: try ForceMajeureRequest.text(contract, field: "contract"), requestedBy: principal.auditName, requestedAt: clock.now())
        try await store.requestForceMajeure(
            request, audit: clock.event(principal.auditName, .forceMajeureRequest, kind: "enterprise", id: enterprise.id, detail: request.id))
        return request
    }

    /// An enterprise's own requests, or those of an officer's area.
    public func list(page: PageRequest, as principal: Principal) async throws -> ListPage<ForceMajeureRequest> {
        if principal.enterpriseID != nil {
            let enterprise = try await ownEnterprise(principal)
            return try await store.forceMajeureRequests(within: AreaPath(enterprise.areaPath), enterpriseID: enterprise.id, page: page)
        }
        try await directory.authorize(principal, .registerEnterprises, kind: "force-majeure", id: "list")
        guard let root = principal.jurisdiction else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "force-majeure", id: "list") }
        return try await store.forceMajeureRequests(within: root, enterpriseID: nil, page: page)
    }

    public func decide(_ id: String, issue: Bool, refusal typed: String, as principal: Principal) async throws -> ForceMajeureRequest {
        guard var request = try await store.forceMajeureRequest(id: id) else { throw StoreError.notFound(kind: "force-majeure", id: id) }
        try await directory.authorize(principal, .approveEnterprises, .enterprise(id: request.enterpriseID, path: request.areaPath))
        guard request.state == .requested else { throw ForceMajeureRequest.Problem.notDecidable(request.state) }
        let refusal = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard issue || !refusal.isEmpty else { throw ForceMajeureRequest.Problem.refusalReasonMissing }
        request.state = issue ? .issued : .refused
        request.decidedBy = principal.auditName
        request.decidedAt = clock.now()
        request.refusal = issue ? nil : refusal
        guard try await store.updateForceMajeure(
            request, from: [.requested],
            audit: clock.event(principal.auditName, issue ? .forceMajeureIssue : .forceMajeureRefuse, kind: "enterprise", id: request.enterpriseID, detail: "\(id) \(refusal)"))
        else { throw ForceMajeureRequest.Problem.notDecidable(try await store.forceMajeureRequest(id: id)?.state ?? .requested) }
        return request
    }

    /// The printable certificate of an issued request (for its enterprise or an officer of its area).
    public func certificate(_ id: String, as principal: Principal) async throws -> (text: String, certificate: EnterpriseCertificate) {
        guard var request = try await store.forceMajeureRequest(id: id) else { throw StoreError.notFound(kind: "force-majeure", id: id) }
        let permission: Permission = principal.enterpriseID == nil ? .registerEnterprises : .applyReturnToWork
        try await directory.authorize(principal, permission, .enterprise(id: request.enterpriseID, path: request.areaPath))
        guard request.state == .issued, let enterprise = try await store.enterprise(id: request.enterpriseID) else {
            throw ForceMajeureRequest.Problem.notDecidable(request.state)
        }
        let issued = try credentials.issueCertificate(kind: "force-majeure", enterpriseName: enterprise.name, creditCode: enterprise.creditCode, detail: request.contract)
        let hex = Hex.encode(issued.certificate.id)
        request.certificates.append(hex)
        guard try await store.updateForceMajeure(
            request, from: [.issued], audit: clock.event(principal.auditName, .certificateIssue, kind: "enterprise", id: enterprise.id, detail: "\(id) \(hex)"))
        else { throw ForceMajeureRequest.Problem.notDecidable(.refused) }
        return (issued.text, issued.certificate)
    }

    func ownEnterprise(_ principal: Principal) async throws -> Enterprise {
        guard let id = principal.enterpriseID else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .applyReturnToWork) }
        guard let enterprise = try await store.enterprise(id: id) else { throw StoreError.notFound(kind: "enterprise", id: id) }
        try await directory.authorize(principal, .applyReturnToWork, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        return enterprise
    }
}
