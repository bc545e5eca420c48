import Hummingbird

/// Answers the JSON API's failures from the one mapping (`Refusal`): a refusal by the access
/// policy is 403, a missing record 404, a bad import 400, a driver error a plain 503 or 500.
struct DomainErrorMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let refusal = Refusal.of(error, logger: context.logger)
            if let passthrough = refusal.passthrough { throw passthrough }
            throw HTTPError(refusal.status, headers: refusal.headers, message: refusal.apiMessage)
        }
    }
}
