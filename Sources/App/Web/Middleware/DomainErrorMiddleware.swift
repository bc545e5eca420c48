import Foundation
import Hummingbird

/// Turns a failure into its answer (`Refusal`): for the JSON API and open data, the documented
/// `Problem` body `{"error": code, "message": why}` with the status; for a page path the error goes
/// on to the page middleware, which answers with a page in the reader's language.
struct DomainErrorMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let refusal = Refusal.of(error, logger: context.logger)
            // Files (/static, /js) go on to the file middleware, which answers a route's 404 with the file.
            guard Self.isMachinePath(request.uri.path) else {
                if let passthrough = refusal.passthrough { throw passthrough }
                throw HTTPError(refusal.status, headers: refusal.headers, message: refusal.apiMessage)
            }
            return Self.problem(refusal.status, refusal.apiMessage, headers: refusal.headers)
        }
    }

    /// The API, open data and the operators' endpoints: answered with the `Problem` body.
    static func isMachinePath(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/open-data/") || path == "/metrics" || path == "/healthz"
    }

    /// The documented error body (`Problem` in openapi.yaml).
    static func problem(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["error": code(status), "message": message], options: [.sortedKeys])) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A stable code a client can branch on.
    static func code(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "too_large"
        case 415: "unsupported_media_type"
        case 429: "too_many_requests"
        case 503: "unavailable"
        case 500...: "server_error"
        default: "bad_request"
        }
    }
}
