import Domain
import Hummingbird

extension CordonRequestContext {
    /// The signed-in principal, or a redirect to the sign-in page.
    func requirePrincipal() throws -> Principal {
        guard let identity else { throw HTTPError(.seeOther, headers: [.location: "/signin"], message: "sign in first") }
        return identity
    }

    /// The signed-in principal if their role holds `permission` (anywhere: records are checked
    /// again where they lie); a refusal becomes a 403 page in the reader's language.
    func requirePrincipal(may permission: Permission) throws -> Principal {
        let principal = try requirePrincipal()
        try AccessPolicy.check(principal, permission)
        return principal
    }
}

/// Answers failures on page routes with a page in the reader's language (403, 404, …) from the
/// one mapping (`Refusal`), instead of the API's JSON; redirects (sign in first) pass through.
struct HTMLErrorMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let refusal = Refusal.of(error, logger: context.logger)
            if refusal.isRedirect { return Response(status: refusal.status, headers: refusal.headers) }
            let page = ErrorPage(status: "\(refusal.status.code)", message: refusal.pageMessage(Language.of(request)))
            return pages.render("error", page, request: request, context: context, status: refusal.status)
        }
    }
}

/// The error page: the status and what it means for the reader.
struct ErrorPage: PageModel {
    let status: String
    let message: String
}
