import OpenAPIRuntime
import Domain
import Hummingbird
import Ingestion

/// Translates domain errors into HTTP at the edge: a refusal by the access policy is 403, a
/// missing record 404, a bad import 400. Driver errors become a plain 500 with no detail.
struct DomainErrorMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            do {
                return try await next(request, context)
            } catch let error as ServerError {
                // The OpenAPI layer wraps what went wrong. A request it could not even decode (wrong
                // content type, a missing or malformed field) is the client's mistake: 400 with why.
                guard error.operationInput != nil else {
                    throw HTTPError(.badRequest, message: "the request does not match the API: \(error.causeDescription)")
                }
                throw error.underlyingError
            }
        } catch let error as AccessPolicy.Denial {
            throw HTTPError(.forbidden, message: error.description)
        } catch let error as StoreError {
            switch error {
            case .notFound: throw HTTPError(.notFound, message: error.description)
            case .duplicate: throw HTTPError(.conflict, message: error.description)
            default:
                context.logger.error("store error: \(error)")
                throw HTTPError(.serviceUnavailable, message: "the database is unavailable")
            }
        } catch let error as ImportFailure {
            throw HTTPError(.badRequest, message: error.description)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error("unhandled error: \(String(reflecting: error))")
            throw HTTPError(.internalServerError, message: "internal error")
        }
    }
}
