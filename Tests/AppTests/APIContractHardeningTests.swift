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
            // A documented path with a method it does not have: 405 with the methods it has.
            let wrongMethod = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: [.cookie: epi, .contentType: "application/json"], body: ByteBuffer(string: "{}"))
            let wrongBody = try Self.problem(wrongMethod)
            #expect(wrongMethod.status == .methodNotAllowed && wrongMethod.headers[.allow] == "GET" && wrongBody["error"] == "method_not_allowed")
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

    @Test("a feed token scoped to lab results cannot post residents or presence; its own kind goes through", arguments: Backend.available)
    func scopedFeedToken(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let store = city.services.store
        let feed = try #require(try await store.account(username: "feed"))
        let token = try await city.services.accounts.createToken(for: feed, label: "hospital-labs", scopes: ["labs"], actor: "test")
        try await city.test { client in
            func ingest(_ kind: String, _ line: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/ingest/\(kind)", method: .post, headers: [.contentType: "application/x-ndjson", .authorization: "Bearer \(token)"],
                    body: ByteBuffer(string: line + "\n"))
            }
            let residents = try await ingest("residents", #"{"id":"R-EVIL","name":"张三","idNumber":"11010519491231002X","phone":"13900000000","area":"330102001001-G01"}"#)
            #expect(residents.status == .forbidden && residents.text.contains("do not include ingest:residents"))
            #expect(try await store.resident(id: "R-EVIL") == nil)
            let labs = try await ingest("labs", #"{"id":"L-SCOPED","person":"R00000001","sampledAt":"2026-11-20T08:00:00Z","result":"negative","test":"pcr"}"#)
            #expect(labs.status == .ok)
        }
        #expect(try await store.recentAudit(subjectID: "residents", limit: 5).contains { $0.event.action == "access.denied" })
        try await city.close()
    }

    @Test("a feed token limited to a district refuses records about people and places of another, line by line; a token cannot reach beyond its account", arguments: Backend.available)
    func areaScopedToken(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let feed = try #require(try await store.account(username: "feed"))
        let firstGrid = city.city.grids[0].area, lastGrid = city.city.grids[city.city.grids.count - 1].area
        let district = String(firstGrid.path.split(separator: "/")[1])
        #expect(!lastGrid.path.contains("/\(district)/"))
        let token = try await city.services.accounts.createToken(for: feed, label: "district-labs", scopes: ["labs"], areaID: district, actor: "test")
        let inside = try #require(try await store.residents(within: firstGrid.path, after: nil, limit: 1).first)
        let outside = try #require(try await store.residents(within: lastGrid.path, after: nil, limit: 1).first)
        try await city.test { client in
            let body = [inside, outside].enumerated().map { i, r in
                #"{"id":"L-AREA-\#(i)","person":"\#(r.id)","sampledAt":"2026-11-20T08:00:00Z","result":"negative","test":"pcr"}"#
            }.joined(separator: "\n") + "\n"
            let response = try await client.execute(
                uri: "/api/v1/ingest/labs", method: .post, headers: [.contentType: "application/x-ndjson", .authorization: "Bearer \(token)"],
                body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let report = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
            #expect(report["loaded"] as? Int == 1 && report["rejected"] as? Int == 1)
            let problem = (report["problems"] as? [[String: Any]])?.first
            #expect(problem?["line"] as? Int == 2 && problem?["field"] as? String == "person")
            #expect((problem?["reason"] as? String)?.contains("outside this token's area") == true)
        }
        #expect(try await store.labResults(person: inside.id).count == 1)
        #expect(try await store.labResults(person: outside.id).isEmpty)

        // A residents feed of the district cannot put someone into another district's compound or household.
        let registry = try await city.services.accounts.createToken(for: feed, label: "district-registry", scopes: ["residents"], areaID: district, actor: "test")
        let otherCompound = try #require(outside.compoundID), otherHousehold = try #require(outside.householdID)
        let lines = [
            #"{"id":"R-SCOPE-1","name":"张一","area":"\#(firstGrid.id)"}"#,
            #"{"id":"R-SCOPE-2","name":"张二","area":"\#(firstGrid.id)","compound":"\#(otherCompound)"}"#,
            #"{"id":"R-SCOPE-3","name":"张三","area":"\#(firstGrid.id)","household":"\#(otherHousehold)"}"#,
            #"{"id":"R-SCOPE-4","name":"张四","area":"\#(lastGrid.id)"}"#,
        ]
        try await city.test { client in
            let response = try await client.execute(
                uri: "/api/v1/ingest/residents", method: .post, headers: [.contentType: "application/x-ndjson", .authorization: "Bearer \(registry)"],
                body: ByteBuffer(string: lines.joined(separator: "\n") + "\n"))
            let report = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
            #expect(report["loaded"] as? Int == 1)
            let fields = (report["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["compound", "household", "area"])
        }
        // An officer's token cannot reach beyond the officer's own jurisdiction.
        let officer = try #require(try await store.account(username: "district"))
        let otherDistrict = String(lastGrid.path.split(separator: "/")[1])
        await #expect(throws: AccountService.TokenError.areaOutsideJurisdiction(otherDistrict)) {
            _ = try await city.services.accounts.createToken(for: officer, label: "x", areaID: otherDistrict, actor: "test")
        }
        try await city.close()
    }
}
