import Domain
import Foundation
import Hummingbird

/// `/enterprises` (officers: the enterprises of their area, pending first, and the registration
/// form), `/enterprises/ID` (one enterprise; the district decides there), and
/// `/enterprise-registration`, the enterprise's own form on the public site.
struct EnterprisePagesController {
    let enterprises: EnterpriseService
    let store: any AreaRepository & AccountRepository
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("enterprises") { request, context in
            let principal = try context.requirePrincipal(may: .registerEnterprises)
            return try await listPage(principal, request: request, context: context, typed: TypedEnterprise(), problem: nil)
        }
        router.post("enterprises") { request, context in
            let principal = try context.requirePrincipal(may: .registerEnterprises)
            let draft = try await request.decode(as: RegistrationForm.self, context: context).draft
            do {
                let enterprise = try await enterprises.register(draft, as: principal)
                return Response(status: .seeOther, headers: [.location: "/enterprises/\(enterprise.id)?registered=1"])
            } catch let problem as EnterpriseDraft.Problem {
                return try await listPage(
                    principal, request: request, context: context, typed: TypedEnterprise(draft), problem: EnterpriseWords.problem(problem, Language.of(request)),
                    status: .badRequest)
            }
        }
        router.get("enterprises/:id") { request, context in
            let principal = try context.requirePrincipal(may: .registerEnterprises)
            let q = request.uri.queryParameters
            var message: String?
            if q.get("registered") != nil { message = Strings.text("enterprises_registered", Language.of(request)) }
            if q.get("refused") != nil { message = Strings.text("enterprises_refusedNote", Language.of(request)) }
            return try await detailPage(try context.parameters.require("id"), principal, request: request, context: context, message: message)
        }
        router.post("enterprises/:id/decision") { request, context in
            let principal = try context.requirePrincipal(may: .approveEnterprises)
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: DecisionForm.self, context: context)
            let lang = Language.of(request)
            do {
                let decided = try await enterprises.decide(id, approve: form.decision == "approve", reason: form.reason ?? "", as: principal)
                guard let issued = decided.issued else { return Response(status: .seeOther, headers: [.location: "/enterprises/\(id)?refused=1"]) }
                // The one-time password is shown here once, as a new staff account's is.
                return try await detailPage(
                    id, principal, request: request, context: context, message: Strings.text("enterprises_approvedAccount", lang, issued.account.username),
                    password: issued.password)
            } catch let problem as EnterpriseService.DecisionProblem {
                let text = Strings.text(problem == .reasonMissing ? "enterprises_problem_reason" : "enterprises_problem_notPending", lang)
                return try await detailPage(id, principal, request: request, context: context, typedReason: form.reason ?? "", problem: text, status: .badRequest)
            }
        }
        router.get("enterprise-registration") { request, context in
            publicPage(request: request, context: context, typed: TypedEnterprise(), problem: nil, message: nil)
        }
        router.post("enterprise-registration") { request, context in
            let draft = try await request.decode(as: RegistrationForm.self, context: context).draft
            let lang = Language.of(request)
            do {
                _ = try await enterprises.register(draft, as: nil)
                return publicPage(request: request, context: context, typed: TypedEnterprise(), problem: nil, message: Strings.text("enterprises_registered", lang))
            } catch let problem as EnterpriseDraft.Problem {
                return publicPage(
                    request: request, context: context, typed: TypedEnterprise(draft), problem: EnterpriseWords.problem(problem, lang), message: nil,
                    status: .badRequest)
            }
        }
    }

    private func listPage(
        _ principal: Principal, request: Request, context: CordonRequestContext, typed: TypedEnterprise, problem: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let state = q.get("state").flatMap(Enterprise.State.init(rawValue:))
        let found = try await enterprises.list(state: state, page: Pager.request(q), as: principal)
        var rows: [EnterpriseRow] = []
        for e in found.items {
            // At most a page of names (50 look-ups by key), read as the list is shown.
            rows.append(EnterpriseRow(e, area: try await store.area(id: e.areaID)?.name(english: lang == .en) ?? e.areaID, lang))
        }
        let filters = [nil] + Enterprise.State.allCases.map(Optional.some)
        let links = filters.map { s in
            FilterLink(
                href: s.map { "/enterprises?state=\($0.rawValue)" } ?? "/enterprises",
                label: Strings.text(s.map { "enterprises_state_\($0.rawValue)" } ?? "enterprises_filter_all", lang), current: s == state)
        }
        let page = EnterprisesPage(
            rows: rows, hasRows: !rows.isEmpty, filters: links, pager: Pager(found, path: "/enterprises", query: q, lang: lang), mayRegister: true, typed: typed,
            problem: problem, message: nil, isPublic: false)
        return pages.render("enterprises", page, request: request, context: context, status: status)
    }

    private func detailPage(
        _ id: String, _ principal: Principal, request: Request, context: CordonRequestContext, message: String? = nil, password: String? = nil,
        typedReason: String = "",
        problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let e = try await enterprises.enterprise(id, as: principal)
        let area = try await store.area(id: e.areaID)?.name(english: lang == .en) ?? e.areaID
        let decider = try await ActorNames.name(e.decidedBy, store: store, lang)
        let decided = e.decidedAt.map { "\(Strings.text("enterprises_decidedBy", lang)) \(decider) · \(pages.time($0))" }
        let page = EnterprisePage(
            row: EnterpriseRow(e, area: area, lang),
            registeredBy: try await ActorNames.name(e.registeredBy, store: store, lang), registeredAt: pages.time(e.registeredAt),
            decided: decided, reason: e.reason, mayDecide: e.state == .pending && AccessPolicy.may(principal, .approveEnterprises),
            typedReason: typedReason, problem: problem, message: message, password: password)
        return pages.render("enterprise", page, request: request, context: context, status: status)
    }

    private func publicPage(
        request: Request, context: CordonRequestContext, typed: TypedEnterprise, problem: String?, message: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let page = EnterprisesPage(
            rows: [], hasRows: false, filters: [], pager: nil, mayRegister: true, typed: typed, problem: problem, message: message, isPublic: true)
        return pages.render("enterprises", page, request: request, context: context, status: status)
    }

    struct RegistrationForm: Decodable {
        var name: String?
        var creditCode: String?
        var address: String?
        var area: String?
        var contactName: String?
        var contactPhone: String?

        var draft: EnterpriseDraft {
            EnterpriseDraft(
                name: name ?? "", creditCode: creditCode ?? "", address: address ?? "", area: area ?? "", contactName: contactName ?? "",
                contactPhone: contactPhone ?? "")
        }
    }

    struct DecisionForm: Decodable {
        var decision: String?
        var reason: String?
    }
}
