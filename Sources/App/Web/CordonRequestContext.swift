import Domain
import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore

/// Per-request state: who is signed in (from a session cookie or a bearer token).
public struct CordonRequestContext: AuthRequestContext, RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Principal?
    /// The connected peer: sign-in attempts are counted per client address.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The client's address without the port ("unknown" when the transport has none).
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

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
