import Domain
import Foundation
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
    let areas: any AreaRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let refusal = Refusal.of(error, logger: context.logger)
            if refusal.isRedirect {
                var headers = refusal.headers
                // Asked to sign in on the way to a page: come back to it afterwards.
                if headers[.location] == "/signin", request.method == .get, let here = SitePath.local(request.uri.description), here != "/" {
                    headers[.location] = SitePath.link("/signin", [URLQueryItem(name: "next", value: here)])
                }
                return Response(status: refusal.status, headers: headers)
            }
            return await ErrorPage.response(for: refusal, pages: pages, areas: areas, request: request, context: context)
        }
    }
}

/// The error page: the status, what it means for the reader and what they can do next.
struct ErrorPage: PageModel {
    let status: String
    let title: String
    let message: String
    /// What to do next, in the reader's language.
    let next: String
    /// The area a refused staff member may see, by name, so they know whose record it is not.
    var yourArea: String? = nil

    static func response(
        for refusal: Refusal, pages: PageRenderer, areas: any AreaRepository, request: Request, context: CordonRequestContext
    ) async -> Response {
        let lang = Language.of(request)
        let code = refusal.status.code
        let kind = [400, 403, 404, 409].contains(code) ? "\(code)" : (code >= 500 ? "5xx" : "400")
        var page = ErrorPage(
            status: "\(code)", title: Strings.text("error.title.\(kind)", lang), message: refusal.pageMessage(lang),
            next: Strings.text("error.next.\(kind)", lang))
        if code == 403, let principal = context.identity, let id = principal.jurisdictionID {
            // The name of one area is not secret to the person who works in it; a failed look-up
            // only leaves the line out.
            let name = (try? await areas.area(id: id))?.name ?? id
            page.yourArea = Strings.text("error.yourArea", lang, name)
        }
        return pages.render("error", page, request: request, context: context, status: refusal.status)
    }
}

/// Paths no route answers: a page in the reader's language for a person (the API and open data
/// keep their JSON 404, which machines read).
struct UnknownPageMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext
    let pages: PageRenderer
    let areas: any AreaRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && Self.isPage(request.uri.path) {
            let refusal = Refusal(.notFound, api: "not found") { Strings.text("notFound.page", $0) }
            return await ErrorPage.response(for: refusal, pages: pages, areas: areas, request: request, context: context)
        }
    }

    static func isPage(_ path: String) -> Bool {
        !(path.hasPrefix("/api/") || path.hasPrefix("/open-data/") || path.hasPrefix("/static/") || path.hasPrefix("/js/"))
    }
}
