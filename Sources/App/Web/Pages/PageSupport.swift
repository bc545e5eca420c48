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

/// Renders HTTP errors on page routes as pages (403 and 404 in the reader's language) instead of JSON.
struct HTMLErrorMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let denial as AccessPolicy.Denial {
            let lang = Language.of(request)
            return pages.render(
                "error", ["status": "403", "message": Strings.denial(denial, lang)], request: request, context: context,
                status: .forbidden)
        } catch StoreError.notFound {
            return pages.render("error", ["status": "404", "message": Strings.text("notFound", Language.of(request))], request: request, context: context, status: .notFound)
        } catch let error as HTTPError {
            if error.status == .seeOther || error.status == .found {
                return Response(status: error.status, headers: error.headers)
            }
            let lang = Language.of(request)
            let message =
                switch error.status {
                case .forbidden: Strings.text("forbidden", lang) + " (" + (error.body ?? "") + ")"
                case .notFound: Strings.text("notFound", lang)
                default: error.body ?? error.status.reasonPhrase
                }
            return pages.render("error", ["status": "\(error.status.code)", "message": message], request: request, context: context, status: error.status)
        }
    }
}
