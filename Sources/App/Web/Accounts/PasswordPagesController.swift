import Domain
import Foundation
import Hummingbird

/// A staff member's own password: chosen after a one-time password (nothing else opens until
/// then, `OneTimePasswordMiddleware`) and changeable at any time.
struct PasswordPagesController {
    let staff: StaffAdministration
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("account/password") { request, context in
            let principal = try context.requirePrincipal(may: .changeOwnPassword)
            let q = request.uri.queryParameters
            return pages.render(
                "password", PasswordPage(username: try await staff.username(of: principal) ?? "", mustChange: principal.mustChangePassword, problem: q.get("problem"), message: q.get("message")), request: request,
                context: context)
        }
        router.post("account/password") { request, context in
            let principal = try context.requirePrincipal(may: .changeOwnPassword)
            guard case .staff(let accountID) = principal.subject else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .changeOwnPassword) }
            let form = try await request.decode(as: Form.self, context: context)
            let lang = Language.of(request)
            do {
                try await staff.changePassword(accountID: accountID, current: form.current, new: form.new, confirm: form.confirm)
            } catch let problem as StaffProblem {
                // Nothing typed comes back: these are passwords.
                return SitePath.refused("/account/password", typed: [], problem: Strings.staffProblem(problem, lang))
            }
            return redirect("/", message: Strings.text("password.changed", lang))
        }
    }

    struct Form: Decodable {
        var current: String
        var new: String
        var confirm: String
    }
}

/// Signed in with a one-time password: every page leads to the password form until a new one is
/// chosen (signing out and the static files stay open). The API is not concerned: tokens, not passwords.
struct OneTimePasswordMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity?.mustChangePassword == true, !Self.open.contains(request.uri.path), !request.uri.path.hasPrefix("/lang/") else { return try await next(request, context) }
        return Response(status: .seeOther, headers: [.location: "/account/password"])
    }

    static let open: Set<String> = ["/account/password", "/signout"]
}
