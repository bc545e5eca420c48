import Crypto
import Foundation
import Hummingbird
import Domain

/// A public answer (an open-data file, a public page as an anonymous reader sees it) made once per
/// data change and language, with its entity tag computed then: serving it is a copy of a buffer,
/// and a reader who has it already gets 304 without a body.
struct CachedDocument: Sendable {
    let body: ByteBuffer
    let etag: String
    let contentType: String

    init(_ data: Data, contentType: String) {
        body = ByteBuffer(bytes: data)
        etag = "\"" + Hex.encode(SHA256.hash(data: data).prefix(16)) + "\""
        self.contentType = contentType
    }

    /// 200 with the body, or 304 when the reader's `If-None-Match` names this version.
    func response(to request: Request, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "public, max-age=60"]
        headers.append(contentsOf: extra)
        if Self.reader(request, holds: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// Does the reader's `If-None-Match` name this version?
    static func reader(_ request: Request, holds etag: String) -> Bool {
        request.headers[.ifNoneMatch]?.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag } == true
    }
}
