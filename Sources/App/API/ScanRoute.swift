import CordonAPI
import Foundation
import Hummingbird
import OpenAPIRuntime

/// POST /api/v1/scans, served by Hummingbird itself rather than through the OpenAPI layer: every
/// gate sends one every few seconds all day, and the layer's conversions (the request into its
/// types and body stream, the answer back) cost about 12 of a scan's 150 µs of server CPU
/// (BENCHMARKS.md, session 22). The contract stays the spec's `recordScan`: the body and the verdict
/// are its generated types, read and written as the layer does (RFC 3339 dates, sorted keys; the
/// plain shape every gate sends by `ScanJSON`, anything else by `JSONDecoder`), a refusal is the
/// documented Problem body, and the API tests call this route.
struct ScanRoute: Sendable {
    let scans: ScanService

    /// What the OpenAPI layer leaves to this route (see `HandServedTransport`).
    static let method = HTTPRequest.Method.post
    static let path = "/api/v1/scans"

    func register(on router: Router<CordonRequestContext>) {
        router.post(RouterPath(Self.path)) { request, context in try await self.answer(request, context: context) }
    }

    /// The verdict, or the refusal as the Problem body. An access denial (a role that does not scan)
    /// goes on to DomainErrorMiddleware, which answers it 403 as on every route.
    func answer(_ request: Request, context: CordonRequestContext) async throws -> Response {
        guard let principal = context.identity, !principal.mustChangePassword else {
            return DomainErrorMiddleware.problem(.unauthorized, "sign in or send a bearer token")
        }
        let body: Components.Schemas.Scan
        switch try await Self.decode(request, as: Components.Schemas.Scan.self, plain: ScanJSON.plainScan) {
        case .success(let scan): body = scan
        case .failure(let problem): return DomainErrorMiddleware.problem(.badRequest, "the request does not match the API: \(problem)")
        }
        do {
            let verdict = try await scans.scan(body.text, at: body.place, by: principal, scannedAt: body.scannedAt)
            let json = ScanJSON.encode(CordonAPIImplementation.verdict(verdict))
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
        } catch let refusal as ScanService.Refusal {
            switch refusal {
            case .notACheckpoint: return DomainErrorMiddleware.problem(.notFound, refusal.description)
            case .outsideJurisdiction: return DomainErrorMiddleware.problem(.forbidden, refusal.description)
            case .scannedTooLongAgo: return DomainErrorMiddleware.problem(.badRequest, refusal.description)
            }
        }
    }

    /// Why a body is not a `Scan`, in words that name the field.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The body as the spec's type, or why not: the plain shape by `plain`, anything else by
    /// `JSONDecoder`. A body without a Content-Type is taken as JSON, as the OpenAPI layer takes it;
    /// any other type is refused.
    static func decode<Body: Decodable>(_ request: Request, as _: Body.Type, plain: (ByteBuffer) -> Body?) async throws -> Result<Body, Malformed> {
        if let type = request.headers[.contentType], let media = MediaType(from: type), !media.isType(.applicationJson) {
            return .failure(Malformed(description: "Content-Type \(type): send application/json"))
        }
        // BodyLimitMiddleware has wrapped the body: a larger one fails as it streams in (413).
        let buffer = try await request.body.collect(upTo: .max)
        if let body = plain(buffer) { return .success(body) }
        do {
            return .success(try decoder.decode(Body.self, from: buffer))
        } catch let error as DecodingError {
            return .failure(Malformed(description: describe(error)))
        } catch {
            return .failure(Malformed(description: "\(error)"))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String { path.isEmpty ? "the body" : path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context): return "\(field(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(field(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(field(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// As the OpenAPI layer's converter is configured in `buildRouter`: RFC 3339 dates in.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            do {
                return try RFC3339Transcoder().decode(try container.decode(String.self))
            } catch let notADate as RFC3339Transcoder.NotADate {
                // As a decoding error, so that the answer names the field.
                throw DecodingError.dataCorruptedError(in: container, debugDescription: notADate.description)
            }
        }
        return decoder
    }()
}

/// The OpenAPI layer's routes without those served by hand (`ScanRoute`, `ScanBatchRoute`): each is registered once.
struct HandServedTransport: ServerTransport {
    let router: Router<CordonRequestContext>
    /// "METHOD /path" of each route served by hand.
    let handServed: Set<String>

    /// An operation of the spec whose handler is a hand-served route's, not the generated one's.
    struct ServedElsewhere: Error, CustomStringConvertible {
        let operation: String
        let by: String
        var description: String { "\(operation) is served by \(by), not through the OpenAPI layer" }
    }

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method, path: String
    ) throws {
        guard !handServed.contains("\(method.rawValue) \(path)") else { return }
        try router.register(handler, method: method, path: path)
    }
}
