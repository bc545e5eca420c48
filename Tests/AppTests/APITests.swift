import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The JSON API and the operational endpoints on the real application.
@Suite("API")
struct APITests {
    @Test("a data feed ingests NDJSON and CSV: bad lines reported, good lines loaded, re-posting changes nothing", arguments: Backend.available)
    func ingest(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 500)
        let token = try #require(try city.account("feed").token)
        let grid = city.city.grids[0].area.id
        let body = """
            {"id":"N1","name":"新居民","idNumber":"11010519491231002X","phone":"+86 139 0000 0001","area":"\(grid)"}
            {"id":"N2","name":"坏号码","idNumber":"110105194912310023","area":"\(grid)"}
            {"id":"N3","name":"无区域","area":"NOWHERE"}
            """
        try await city.test { client in
            func post(_ kind: String, _ text: String, type: String = "application/x-ndjson", bearer: String?) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: type]
                if let bearer { headers[.authorization] = "Bearer \(bearer)" }
                return try await client.execute(uri: "/api/v1/ingest/\(kind)", method: .post, headers: headers, body: ByteBuffer(string: text))
            }
            let first = try await post("residents", body, bearer: token)
            #expect(first.status == .ok)
            let report = try JSONSerialization.jsonObject(with: Data(buffer: first.body)) as? [String: Any]
            #expect(report?["loaded"] as? Int == 1)
            #expect(report?["rejected"] as? Int == 2)
            let problems = report?["problems"] as? [[String: Any]] ?? []
            #expect(problems.map { $0["line"] as? Int } == [2, 3])
            #expect(problems.map { $0["field"] as? String } == ["idNumber", "area"])

            let again = try JSONSerialization.jsonObject(with: Data(buffer: try await post("residents", body, bearer: token).body)) as? [String: Any]
            #expect(again?["loaded"] as? Int == 0)
            #expect(again?["unchanged"] as? Int == 1)

            let csv = try await post("places", "id,kind,name,area\nPX,venue,新超市,\(grid)\n", type: "text/csv", bearer: token)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("\"loaded\" : 1") || csv.text.contains("\"loaded\":1"))

            #expect(try await post("residents", body, bearer: nil).status == .unauthorized)
            #expect(try await post("residents", body, bearer: "cdn_wrong").status == .unauthorized)
            let gridCookie = try await client.signIn(try city.account("grid"))
            let refused = try await client.execute(
                uri: "/api/v1/ingest/residents", method: .post, headers: [.contentType: "application/x-ndjson", .cookie: gridCookie], body: ByteBuffer(string: body))
            #expect(refused.status == .forbidden)
        }
        let stored = try #require(try await city.services.store.resident(id: "N1"))
        #expect(stored.phoneMasked == "139****0001")
        try await city.close()
    }

    @Test("a body over the record limit is refused with 413 before anything is written")
    func oversizedBody() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300) { $0.maxIngestRecords = 10 }
        let token = try #require(try city.account("feed").token)
        let body = (1...11).map { #"{"id":"Z\#($0)","name":"n"}"# }.joined(separator: "\n") + "\n\n"
        try await city.test { client in
            let response = try await client.execute(
                uri: "/api/v1/ingest/residents", method: .post, headers: [.contentType: "application/x-ndjson", .authorization: "Bearer \(token)"],
                body: ByteBuffer(string: body))
            #expect(response.status == .contentTooLarge)
        }
        #expect(try await city.services.store.resident(id: "Z1") == nil)
        try await city.close()
    }

    @Test("health, metrics and the OpenAPI document", arguments: Backend.available)
    func operational(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        try await city.test { client in
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.text.contains("\"\(backend.rawValue)\""))
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let spec = try await client.get("/openapi.yaml")
            #expect(spec.status == .ok)
            #expect(spec.text.hasPrefix("openapi: \"3.1.0\""))
        }
        try await city.close()
    }

    @Test("openapi.yaml is true: every documented operation is routed and answers only documented statuses")
    func specMatchesRoutes() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        let spec = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/AppTests/APITests.swift", with: "Sources/CordonAPI/openapi.yaml"), encoding: .utf8)
        let operations = Self.operations(in: spec)
        #expect(operations.count == 23)
        let token = try #require(try city.account("feed").token)
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("admin"))
            for op in operations {
                let uri = op.path.replacingOccurrences(of: "{id}", with: "330100").replacingOccurrences(of: "{kind}", with: "areas")
                for auth in [nil, cookie] {
                    var headers: HTTPFields = [:]
                    if let auth { headers[.cookie] = auth }
                    if op.method == .post {
                        headers[.contentType] = "application/x-ndjson"
                        headers[.authorization] = auth == nil ? nil : "Bearer \(token)"
                    }
                    let response = try await client.execute(uri: uri, method: op.method, headers: headers, body: op.method == .post ? ByteBuffer(string: "") : nil)
                    #expect(op.statuses.contains(response.status.code), "\(op.method) \(uri) answered \(response.status.code), spec lists \(op.statuses)")
                }
            }
        }
        try await city.close()
    }

    struct Operation { var path: String; var method: HTTPRequest.Method; var statuses: Set<Int> }

    /// Reads paths, methods and response codes from the spec (its layout: 2-space path keys, 4-space methods, quoted codes).
    static func operations(in spec: String) -> [Operation] {
        var result: [Operation] = []
        var path: String?
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("components:") {
                path = nil
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), let method = HTTPRequest.Method(String(line.dropFirst(4).dropLast()).uppercased()) {
                result.append(Operation(path: path, method: method, statuses: []))
            } else if path != nil, let match = line.firstMatch(of: /^\s+"(\d{3})":/), !result.isEmpty {
                result[result.count - 1].statuses.insert(Int(match.output.1) ?? 0)
            }
        }
        return result
    }
}
