import Crypto
import Domain
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One message on its way out: the recipient in clear (opened from the vault only here).
public struct Delivery: Sendable, Codable, Equatable {
    public var id: String
    public var channel: String
    public var to: String
    public var kind: String
    public var body: String
    public var createdAt: Date
}

/// Where the outbox hands messages over. Throwing means "not delivered, try again later".
public protocol AlertGateway: Sendable {
    var name: String { get }
    /// False when this gateway may not send from this store now (the development log outside a
    /// demo): messages then wait in the outbox, pending, for a real gateway.
    var isAvailable: Bool { get }
    func send(_ delivery: Delivery) async throws
}

extension AlertGateway {
    public var isAvailable: Bool { true }
}

public enum GatewayError: Error, CustomStringConvertible {
    case status(Int)
    case transport(String)

    public var description: String {
        switch self {
        case .status(let code): "the gateway answered HTTP \(code)"
        case .transport(let why): "the gateway could not be reached: \(why)"
        }
    }
}

/// An HTTP webhook, as SMS providers are driven: the delivery as a JSON POST, signed so the provider
/// can check it came from here: `X-Cordon-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret, "UNIX.BODY"))`.
/// Any 2xx is delivered; anything else, or no answer in 10 s, is retried.
public struct WebhookGateway: AlertGateway {
    public let url: URL
    public let secret: String
    public var name: String { "webhook" }

    public init(url: URL, secret: String) {
        self.url = url
        self.secret = secret
    }

    public func send(_ delivery: Delivery) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(delivery)
        // The receiver checks the signature's age against its own wall clock: real time, not the city's clock.
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("t=\(timestamp),v1=\(Self.signature(secret: secret, timestamp: timestamp, body: body))", forHTTPHeaderField: "X-Cordon-Signature")
        request.setValue(delivery.id, forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = body
        let response: URLResponse
        do {
            (_, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw GatewayError.transport("\(error.localizedDescription)")
        }
        let code = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(code) else { throw GatewayError.status(code) }
    }

    /// Hex HMAC-SHA256 of `timestamp.body`: what the receiver recomputes to check a delivery.
    public static func signature(secret: String, timestamp: String, body: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(timestamp.utf8) + Data(".".utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        return Hex.encode(mac)
    }
}

/// Development: each delivery appended to a file as one JSON line (mode 0600).
public struct FileGateway: AlertGateway {
    public let file: URL
    public var name: String { "file" }

    public init(file: URL) { self.file = file }

    public func send(_ delivery: Delivery) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = try encoder.encode(delivery) + Data("\n".utf8)
        if !FileManager.default.fileExists(atPath: file.path) {
            guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw GatewayError.transport("cannot create \(file.path)")
            }
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        _ = try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }
}
