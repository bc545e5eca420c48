import Hummingbird
import NIOCore

/// A body bigger than its route may take is refused while it streams in (413), before anything
/// buffers it: a few parallel multi-gigabyte uploads must not exhaust the server's memory. Imports
/// may be large; forms and API calls are small.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext
    /// Imports (`/api/v1/ingest/…`): `maxIngestRecords` records of a few hundred bytes each.
    let ingestLimit: Int
    let defaultLimit: Int

    struct TooLarge: Error { let limit: Int }

    func limit(for path: String) -> Int { path.hasPrefix("/api/v1/ingest/") ? ingestLimit : defaultLimit }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = limit(for: request.uri.path)
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }) {
            guard declared <= limit else {
                throw HTTPError(.contentTooLarge, message: "the body is larger than \(limit) bytes, the most this route takes")
            }
            // The HTTP parser delivers no more than the declared length: nothing to count. (Counting
            // made every small body a stream of its own, read chunk by chunk through async calls.)
            return try await next(request, context)
        }
        // Chunked: no length known before it arrives.
        var request = request
        request.body = RequestBody(asyncSequence: LimitedBody(base: request.body, limit: limit))
        do {
            return try await next(request, context)
        } catch let error as TooLarge {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(error.limit) bytes, the most this route takes")
        }
    }
}

/// The request body, failing as soon as more than `limit` bytes have arrived.
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        var seen = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            seen += chunk.readableBytes
            if seen > limit { throw BodyLimitMiddleware.TooLarge(limit: limit) }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), limit: limit) }
}
