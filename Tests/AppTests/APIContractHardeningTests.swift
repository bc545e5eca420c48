import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The API answers every refusal with its documented body, judges a request by the credentials
/// it names, and refuses oversized bodies before buffering them.
@Suite("API hardening")
struct APIContractHardeningTests {
    static func problem(_ response: TestResponse) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
        return object.compactMapValues { $0 as? String }.filter { ["error", "message"].contains($0.key) }
    }

    @Test("a 4xx body is {error, message}; an invalid Authorization header is refused even with a valid cookie; a too-large body is 413", arguments: Backend.available)
    func hardening(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            // Signed in by cookie, but the request names a token that is not one: refused, not rescued by the cookie.
            let mixed = try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.cookie: epi, .authorization: "Bearer cdn_forged"])
            #expect(mixed.status == .unauthorized)
            let mixedBody = try Self.problem(mixed)
            #expect(mixedBody["error"] == "unauthorized" && mixed.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await client.get("/api/v1/cases", cookie: epi).status == .ok)
            // A body the API cannot decode: the documented flat body, not a nested object.
            let garbled = try await client.execute(
                uri: "/api/v1/overrides", method: .post, headers: [.cookie: epi, .contentType: "application/json"], body: ByteBuffer(string: "{\"person\":"))
            #expect(garbled.status == .badRequest)
            let body = try Self.problem(garbled)
            #expect(body["error"] == "bad_request" && !(body["message"] ?? "").isEmpty)
            let unknown = try await client.get("/api/v1/no-such-thing", cookie: epi)
            let unknownBody = try Self.problem(unknown)
            #expect(unknown.status == .notFound && unknownBody["error"] == "not_found")
            // Larger than the route takes: refused as it streams in, before anything buffers it.
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 20) + 10)
            let streamed = try await client.execute(uri: "/api/v1/scans", method: .post, headers: [.cookie: epi, .contentType: "application/json"], body: big)
            let streamedBody = try Self.problem(streamed)
            #expect(streamed.status == .contentTooLarge && streamedBody["error"] == "too_large")
        }
        try await city.close()
    }

    @Test("with a metrics token, /metrics answers only its holder")
    func metricsToken() async throws {
        let city = try await TestCity.make(.sqlite, residents: 100) { $0.metricsToken = "metrics-secret-token" }
        try await city.test { client in
            #expect(try await client.get("/metrics").status == .unauthorized)
            #expect(try await client.get("/metrics", bearer: "wrong").status == .unauthorized)
            let allowed = try await client.get("/metrics", bearer: "metrics-secret-token")
            #expect(allowed.status == .ok && allowed.text.contains("# TYPE"))
        }
        try await city.close()
    }
}
