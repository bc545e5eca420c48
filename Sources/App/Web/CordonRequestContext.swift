import Domain
import Foundation
import Hummingbird
import HummingbirdAuth

/// Per-request state: who is signed in (from a session cookie or a bearer token).
public struct CordonRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }

    /// Pages post URL-encoded forms; the API posts JSON.
    public var requestDecoder: CordonRequestDecoder { CordonRequestDecoder() }
}

/// Decodes a request body by its content type.
public struct CordonRequestDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            return try await URLEncodedFormDecoder().decode(type, from: request, context: context)
        }
        return try await JSONDecoder().decode(type, from: request, context: context)
    }
}
