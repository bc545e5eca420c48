import Domain
import Hummingbird
import HummingbirdAuth

/// Signs the request in from the `cordon_session` cookie (pages).
struct SessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = CordonRequestContext
    static let cookieName = SiteCookies.session
    let accounts: AccountService

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        // A request that names its credentials in `Authorization` is judged by them alone: an
        // invalid token must not be rescued by a cookie the browser happened to send along.
        guard request.headers[.authorization] == nil else { return nil }
        guard let secret = SiteCookies.value(Self.cookieName, request), !secret.isEmpty else { return nil }
        return try await accounts.principal(sessionSecret: secret)
    }
}

/// Signs the request in from `Authorization: Bearer …` (API clients and data feeds).
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = CordonRequestContext
    let accounts: AccountService

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        // `/metrics` checks its own token (`--metrics-token`), which is no account's.
        guard request.headers[.authorization] != nil, request.uri.path != "/metrics" else { return nil }
        // Present but not a token we issued (or not a bearer token at all): refused outright.
        guard let bearer = request.headers.bearer, let principal = try await accounts.principal(bearer: bearer.token) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "the Authorization header carries no valid token")
        }
        return principal
    }
}

/// Makes the request context visible to the OpenAPI handlers, which only see the OpenAPI request.
struct RequestContextMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext
    @TaskLocal static var current: CordonRequestContext?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await Self.$current.withValue(context) { try await next(request, context) }
    }
}
