import Domain
import Foundation
import Hummingbird

/// Signing keys and paper-code revocations for administrators (what `cordon keys` does): the
/// keys and their state, a rotation, and revoking a printed code reported lost.
struct KeyPagesController {
    let keys: KeyAdministration
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("keys") { request, context in
            let principal = try context.requirePrincipal(may: .administer)
            let q = request.uri.queryParameters
            return try await page(request, context, principal, message: q.get("message"), problem: q.get("problem"), typed: q.get("code") ?? "")
        }
        router.post("keys/rotate") { request, context in
            let principal = try context.requirePrincipal(may: .administer)
            _ = try await keys.rotate(as: principal)
            return redirect("/keys", message: Strings.text("keys.rotated", Language.of(request)))
        }
        router.post("keys/revoke") { request, context in
            let principal = try context.requirePrincipal(may: .administer)
            let form = try await request.decode(as: RevokeForm.self, context: context)
            let lang = Language.of(request)
            do {
                try await keys.revokePaperCode(form.code, as: principal)
            } catch is KeyAdministration.NotACodeID {
                return SitePath.refused("/keys", typed: [("code", form.code)], problem: Strings.text("keys.badCode", lang), fragment: "revoke")
            }
            return redirect("/keys", message: Strings.text("keys.revokedNow", lang))
        }
    }

    private func page(_ request: Request, _ context: CordonRequestContext, _ principal: Principal, message: String?, problem: String?, typed: String) async throws -> Response {
        let lang = Language.of(request)
        let (list, revoked) = try await keys.keys(as: principal)
        let page = KeysPage(
            keys: list.map { k in
                KeyRow(
                    kid: k.kid, state: Strings.text("keys.state.\(k.state.rawValue)", lang), created: pages.time(k.createdAt),
                    retired: k.retiredAt.map { pages.time($0) })
            }, revoked: revoked, hasRevoked: !revoked.isEmpty, message: message, problem: problem, typed: typed)
        return pages.render("keys", page, request: request, context: context)
    }

    struct RevokeForm: Decodable {
        var code: String
    }
}

struct KeysPage: PageModel {
    let keys: [KeyRow]
    let revoked: [String]
    let hasRevoked: Bool
    let message: String?
    let problem: String?
    let typed: String
}

struct KeyRow: Sendable {
    let kid: String
    let state: String
    let created: String
    let retired: String?
}
