import Credentials
import Domain
import Foundation
import Hummingbird
import Privacy
import QRImage

/// `/force-majeure`: an enterprise asks for a certificate of force majeure and prints it once
/// issued; officers see the requests of their area; the district issues or refuses them.
struct ForceMajeurePagesController {
    let forceMajeure: ForceMajeureService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("force-majeure") { request, context in
            let principal = try reader(context)
            let message = request.uri.queryParameters.get("sent").map { _ in Strings.text("fm_requested", Language.of(request)) }
            return try await page(principal, request: request, context: context, typed: nil, message: message)
        }
        router.post("force-majeure") { request, context in
            let principal = try context.requirePrincipal(may: .applyReturnToWork)
            let form = try await request.decode(as: RequestForm.self, context: context)
            do {
                _ = try await forceMajeure.request(reason: form.reason ?? "", contract: form.contract ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: "/force-majeure?sent=1"])
            } catch let problem as ForceMajeureRequest.Problem {
                return try await page(principal, request: request, context: context, typed: form, problem: Self.words(problem, Language.of(request)), status: .badRequest)
            }
        }
        router.post("force-majeure/:id/decision") { request, context in
            let principal = try context.requirePrincipal(may: .approveEnterprises)
            let form = try await request.decode(as: DecisionForm.self, context: context)
            do {
                _ = try await forceMajeure.decide(try context.parameters.require("id"), issue: form.decision == "issue", refusal: form.refusal ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: "/force-majeure"])
            } catch let problem as ForceMajeureRequest.Problem {
                return try await page(principal, request: request, context: context, typed: nil, problem: Self.words(problem, Language.of(request)), status: .badRequest)
            }
        }
        router.post("force-majeure/:id/certificate") { request, context in
            let principal = try reader(context)
            let lang = Language.of(request)
            let issued: (text: String, certificate: EnterpriseCertificate)
            do {
                issued = try await forceMajeure.certificate(try context.parameters.require("id"), as: principal)
            } catch let problem as ForceMajeureRequest.Problem {
                return try await page(principal, request: request, context: context, typed: nil, problem: Self.words(problem, lang), status: .badRequest)
            }
            let title = Strings.text("fm_certificateTitle", lang)
            let page = CertificatePage(
                title: title, enterprise: issued.certificate.enterpriseName, creditCode: issued.certificate.creditCode,
                svg: try QRMatrix.encode(issued.text).svg(size: 360, label: title),
                note: Strings.text("fm_contract", lang) + "：" + issued.certificate.detail + "。" + Strings.text("fm_certificateNote", lang),
                certificateID: Hex.encode(issued.certificate.id), validUntil: Strings.text("work_validUntil", lang, pages.time(issued.certificate.expiresAt)))
            return pages.render("certificate", page, request: request, context: context)
        }
    }

    private func reader(_ context: CordonRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.may(principal, .applyReturnToWork) || AccessPolicy.may(principal, .registerEnterprises) else {
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .applyReturnToWork)
        }
        return principal
    }

    static func words(_ p: ForceMajeureRequest.Problem, _ lang: Language) -> String {
        switch p {
        case .missing(let f): Strings.text("fm_problem_missing", lang, Strings.text("fm_\(f)", lang))
        case .tooLong(let f): Strings.text("fm_problem_tooLong", lang, Strings.text("fm_\(f)", lang))
        case .enterpriseNotApproved: Strings.text("fm_problem_notApproved", lang)
        case .refusalReasonMissing: Strings.text("fm_problem_refusal", lang)
        case .notDecidable: Strings.text("fm_problem_state", lang)
        }
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, typed: RequestForm?, message: String? = nil, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let found = try await forceMajeure.list(page: Pager.request(q), as: principal)
        let mayDecide = AccessPolicy.may(principal, .approveEnterprises)
        let rows = found.items.map { r in
            ForceMajeureRow(
                id: r.id, enterprise: r.enterpriseName, contract: r.contract, reason: r.reason, requested: pages.time(r.requestedAt),
                state: Strings.text("fm_state_\(r.state.rawValue)", lang), refusal: r.refusal, mayDecide: mayDecide && r.state == .requested,
                mayPrint: r.state == .issued)
        }
        let page = ForceMajeurePage(
            rows: rows, hasRows: !rows.isEmpty, pager: Pager(found, path: "/force-majeure", query: q, lang: lang),
            mayRequest: AccessPolicy.may(principal, .applyReturnToWork), typedReason: typed?.reason ?? "", typedContract: typed?.contract ?? "", problem: problem,
            message: message)
        return pages.render("force-majeure", page, request: request, context: context, status: status)
    }

    struct RequestForm: Decodable {
        var reason: String?
        var contract: String?
    }

    struct DecisionForm: Decodable {
        var decision: String?
        var refusal: String?
    }
}

struct ForceMajeurePage: PageModel {
    let rows: [ForceMajeureRow]
    let hasRows: Bool
    let pager: Pager?
    let mayRequest: Bool
    let typedReason: String
    let typedContract: String
    let problem: String?
    let message: String?
}

struct ForceMajeureRow: Sendable {
    let id: String
    let enterprise: String
    let contract: String
    let reason: String
    let requested: String
    let state: String
    let refusal: String?
    let mayDecide: Bool
    let mayPrint: Bool
}
