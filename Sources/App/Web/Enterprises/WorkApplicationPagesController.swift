import Credentials
import Domain
import Foundation
import Hummingbird
import Privacy
import QRImage

/// `/return-to-work`: an enterprise applies and follows its applications; officers see those of
/// their area, waiting first; the district decides, and revokes, at `/return-to-work/ID`. An
/// approved application prints its certificate (a POST: each print is a new signed credential).
struct WorkApplicationPagesController {
    let applications: WorkApplicationService
    let store: any AccountRepository
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("return-to-work") { request, context in
            let principal = try reader(context)
            var message: String?
            if request.uri.queryParameters.get("sent") != nil { message = Strings.text("work_submittedNote", Language.of(request)) }
            return try await listPage(principal, request: request, context: context, message: message)
        }
        router.post("return-to-work") { request, context in
            let principal = try context.requirePrincipal(may: .applyReturnToWork)
            let form = try await request.decode(as: ApplyForm.self, context: context)
            do {
                let sent = try await applications.submit(plan: Set(form.plan ?? []), headcount: form.headcount ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: "/return-to-work/\(sent.id)?sent=1"])
            } catch let problem as WorkApplication.Problem {
                return try await listPage(
                    principal, request: request, context: context, typed: form, problem: WorkWords.problem(problem, Language.of(request)), status: .badRequest)
            }
        }
        router.get("return-to-work/:id") { request, context in
            let principal = try reader(context)
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            var message: String?
            if q.get("sent") != nil { message = Strings.text("work_submittedNote", lang) }
            if q.get("decided") != nil { message = Strings.text("work_decidedNote", lang) }
            if q.get("revoked") != nil { message = Strings.text("work_revokedNote", lang) }
            return try await detailPage(try context.parameters.require("id"), principal, request: request, context: context, message: message)
        }
        router.post("return-to-work/:id/decision") { request, context in
            let principal = try context.requirePrincipal(may: .approveEnterprises)
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: DecisionForm.self, context: context)
            do {
                guard let decision = WorkApplicationService.Decision(rawValue: form.decision ?? "") else { throw WorkApplication.Problem.notDecidable(.submitted) }
                _ = try await applications.decide(id, decision, reason: form.reason ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: "/return-to-work/\(id)?decided=1"])
            } catch let problem as WorkApplication.Problem {
                return try await detailPage(
                    id, principal, request: request, context: context, typedReason: form.reason ?? "", problem: WorkWords.problem(problem, Language.of(request)),
                    status: .badRequest)
            }
        }
        router.post("return-to-work/:id/revoke") { request, context in
            let principal = try context.requirePrincipal(may: .approveEnterprises)
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: DecisionForm.self, context: context)
            do {
                _ = try await applications.revoke(id, reason: form.reason ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: "/return-to-work/\(id)?revoked=1"])
            } catch let problem as WorkApplication.Problem {
                return try await detailPage(
                    id, principal, request: request, context: context, typedReason: form.reason ?? "", problem: WorkWords.problem(problem, Language.of(request)),
                    status: .badRequest)
            }
        }
        router.post("return-to-work/:id/certificate") { request, context in
            let principal = try reader(context)
            let id = try context.parameters.require("id")
            let lang = Language.of(request)
            let issued: (text: String, certificate: EnterpriseCertificate, application: WorkApplication)
            do {
                issued = try await applications.certificate(id, as: principal)
            } catch let problem as WorkApplication.Problem {
                return try await detailPage(id, principal, request: request, context: context, problem: WorkWords.problem(problem, lang), status: .badRequest)
            }
            let title = Strings.text("work_certificateTitle", lang)
            let page = CertificatePage(
                title: title, enterprise: issued.certificate.enterpriseName, creditCode: issued.certificate.creditCode,
                svg: try QRMatrix.encode(issued.text).svg(size: 360, label: title), note: Strings.text("work_certificateNote", lang),
                certificateID: Hex.encode(issued.certificate.id), validUntil: Strings.text("work_validUntil", lang, pages.time(issued.certificate.expiresAt)))
            return pages.render("certificate", page, request: request, context: context)
        }
    }

    /// The enterprise's own accounts and the officers who see enterprises.
    private func reader(_ context: CordonRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.may(principal, .applyReturnToWork) || AccessPolicy.may(principal, .registerEnterprises) else {
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .applyReturnToWork)
        }
        return principal
    }

    private func listPage(
        _ principal: Principal, request: Request, context: CordonRequestContext, typed: ApplyForm? = nil, problem: String? = nil, message: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let state = q.get("state").flatMap(WorkApplication.State.init(rawValue:))
        let found = try await applications.list(state: state, page: Pager.request(q), as: principal)
        let rows = found.items.map { WorkApplicationRow($0, lang, time: pages.time) }
        let isEnterprise = principal.enterpriseID != nil
        let ticked = Set(typed?.plan ?? [])
        let items = applications.checklist.map { PlanItem(key: $0, label: WorkWords.item($0, lang), checked: ticked.contains($0)) }
        let filters = ([nil] + WorkApplication.State.allCases.map(Optional.some)).map { s in
            FilterLink(
                href: s.map { "/return-to-work?state=\($0.rawValue)" } ?? "/return-to-work",
                label: Strings.text(s.map { "work_state_\($0.rawValue)" } ?? "work_filter_all", lang), current: s == state)
        }
        let page = WorkApplicationsPage(
            rows: rows, hasRows: !rows.isEmpty, isEnterprise: isEnterprise, filters: filters,
            pager: isEnterprise ? nil : Pager(found, path: "/return-to-work", query: q, lang: lang), mayApply: AccessPolicy.may(principal, .applyReturnToWork),
            items: items, typedHeadcount: typed?.headcount ?? "", problem: problem, message: message)
        return pages.render("work-applications", page, request: request, context: context, status: status)
    }

    private func detailPage(
        _ id: String, _ principal: Principal, request: Request, context: CordonRequestContext, message: String? = nil, typedReason: String = "",
        problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let a = try await applications.application(id, as: principal)
        let items = applications.checklist.map { PlanItem(key: $0, label: WorkWords.item($0, lang), checked: a.plan[$0] == true) }
        let mayDecide = AccessPolicy.may(principal, .approveEnterprises)
        let decider = try await ActorNames.name(a.decidedBy, store: store, lang)
        let page = WorkApplicationPage(
            id: a.id, enterprise: a.enterpriseName, state: Strings.text("work_state_\(a.state.rawValue)", lang),
            decided: a.decidedAt.map { "\(decider) · \(pages.time($0))" }, reason: a.reason, submitted: pages.time(a.submittedAt), headcount: a.headcount,
            green: WorkWords.green(a, lang), items: items, certificates: a.certificates.joined(separator: ", "), hasCertificates: !a.certificates.isEmpty,
            mayPrint: a.state == .approved, mayDecide: mayDecide && a.state == .submitted, mayRevoke: mayDecide && a.state == .approved,
            typedReason: typedReason, problem: problem, message: message)
        return pages.render("work-application", page, request: request, context: context, status: status)
    }

    struct ApplyForm: Decodable {
        var plan: [String]?
        var headcount: String?
    }

    struct DecisionForm: Decodable {
        var decision: String?
        var reason: String?
    }
}
