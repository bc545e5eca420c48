import Domain
import Foundation
import Hummingbird

/// Proxies on pages: a resident asks to hold someone's codes and gives one up; the dependant's
/// grid confirms or rejects on the dependant's page, or links a proxy at a counter.
struct ProxyPagesController {
    let proxies: ProxyService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.post("proxies") { request, context in
            let principal = try context.requirePrincipal(may: .holdCodes)
            let form = try await request.decode(as: RequestForm.self, context: context)
            let lang = Language.of(request)
            do {
                try await proxies.request(dependantIDNumber: form.idNumber, relation: form.relation, as: principal)
            } catch let problem as ProxyService.Problem {
                return SitePath.refused("/", typed: [("relation", form.relation)], problem: Self.words(problem, lang), fragment: "proxy")
            }
            return redirect("/", message: Strings.text("proxy.requested", lang))
        }
        router.post("proxies/remove") { request, context in
            let principal = try context.requirePrincipal(may: .holdCodes)
            guard case .resident(let me) = principal.subject else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .holdCodes) }
            let form = try await request.decode(as: RemoveForm.self, context: context)
            _ = try await proxies.remove(dependant: form.dependant, proxy: me, as: principal)
            return redirect("/", message: Strings.text("proxy.removed", Language.of(request)))
        }
        router.post("proxies/:id/confirm") { try await decide($0, $1, confirm: true) }
        router.post("proxies/:id/reject") { try await decide($0, $1, confirm: false) }
        router.post("people/:id/proxies") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: CounterForm.self, context: context)
            let lang = Language.of(request)
            do {
                try await proxies.link(dependant: id, proxyPhone: form.phone, as: principal)
            } catch let problem as ProxyService.Problem {
                return SitePath.refused("/people/\(id)", typed: [("proxyPhone", form.phone)], problem: Self.words(problem, lang), fragment: "proxies")
            }
            return redirect("/people/\(id)", message: Strings.text("proxy.linked", lang))
        }
        router.post("people/:id/proxies/remove") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: StaffRemoveForm.self, context: context)
            _ = try await proxies.removeAtCounter(dependant: id, proxy: form.proxy, as: principal)
            return redirect("/people/\(id)", message: Strings.text("proxy.removed", Language.of(request)))
        }
    }

    private func decide(_ request: Request, _ context: CordonRequestContext, confirm: Bool) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let lang = Language.of(request)
        do {
            let decided = try await proxies.decide(id, confirm: confirm, as: principal)
            return redirect("/people/\(decided.dependant)", message: Strings.text(confirm ? "proxy.confirmed" : "proxy.rejected", lang))
        } catch ProxyService.Problem.notPending {
            throw HTTPError(.conflict, message: Strings.text("proxy.notPending", lang))
        }
    }

    static func words(_ problem: ProxyService.Problem, _ lang: Language) -> String {
        switch problem {
        case .badIDNumber: Strings.text("proxy.problem.idNumber", lang)
        case .unknownRelation: Strings.text("proxy.problem.relation", lang)
        case .notPending: Strings.text("proxy.notPending", lang)
        case .noResidentWithPhone: Strings.text("proxy.problem.phone", lang)
        case .ownRecord: Strings.text("proxy.problem.own", lang)
        }
    }

    struct RequestForm: Decodable {
        var idNumber: String
        var relation: String
    }

    struct RemoveForm: Decodable {
        var dependant: String
    }

    struct CounterForm: Decodable {
        var phone: String
    }

    struct StaffRemoveForm: Decodable {
        var proxy: String
    }
}
