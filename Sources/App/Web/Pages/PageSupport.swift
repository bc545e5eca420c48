import Domain
import Hummingbird

extension CordonRequestContext {
    /// The signed-in principal, or a redirect to the sign-in page.
    func requirePrincipal() throws -> Principal {
        guard let identity else { throw HTTPError(.seeOther, headers: [.location: "/signin"], message: "sign in first") }
        return identity
    }
}

/// Renders HTTP errors on page routes as pages (403 and 404 in the reader's language) instead of JSON.
struct HTMLErrorMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
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
