import Domain
import Hummingbird
import HummingbirdAuth

/// Signs the request in from the `cordon_session` cookie (pages).
struct SessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = CordonRequestContext
    static let cookieName = "cordon_session"
    let accounts: AccountService

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        guard let secret = request.cookies[Self.cookieName]?.value, !secret.isEmpty else { return nil }
        return try await accounts.principal(sessionSecret: secret)
    }
}

/// Signs the request in from `Authorization: Bearer …` (API clients and data feeds).
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = CordonRequestContext
    let accounts: AccountService

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        guard let bearer = request.headers.bearer else { return nil }
        return try await accounts.principal(bearer: bearer.token)
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
