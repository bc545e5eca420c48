import App
import CordonAPI
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// POST /api/v1/scans is served without the OpenAPI layer (for speed); scanner apps still get the
/// spec's contract: the verdict as `ScanVerdict`, every refusal as the Problem body, naming the field.
@Suite("The hand-served scan route")
struct ScanRouteTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    @Test("a verdict decodes as the spec's ScanVerdict; a body that is not a Scan is 400 naming the field; no credentials is 401; a wrong type 400")
    func contract() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        let operatorAccount = try city.account("checkpoint")
        let gate = "CP-\(try #require(operatorAccount.jurisdiction))"
        let person = try #require(try city.account("resident").residentID)
        let (code, _) = try await city.services.credentials.issue(for: person)
        let operatorAccountRecord = try #require(try await city.services.store.account(username: operatorAccount.username))
        try await city.test { client in
            let op = try await client.signIn(operatorAccount)
            // A scanner app's token: a signed-in browser's POST must be JSON or a form with its token.
            let scanner = try await city.services.accounts.createToken(for: operatorAccountRecord, label: "gate-app", actor: "test")
            func post(_ body: String, type: String? = "application/json", cookie: String? = nil, bearer: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                if let type { headers[.contentType] = type }
                if let cookie { headers[.cookie] = cookie }
                if let bearer { headers[.authorization] = "Bearer \(bearer)" }
                return try await client.execute(uri: "/api/v1/scans", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let valid = try await post(#"{"text":"\#(code)","place":"\#(gate)"}"#, cookie: op)
            #expect(valid.status == .ok && valid.headers[.contentType] == "application/json; charset=utf-8")
            let verdict = try JSONDecoder().decode(Components.Schemas.ScanVerdict.self, from: Data(buffer: valid.body))
            #expect(verdict.valid && verdict.recorded && verdict.colour != nil && verdict.name != nil)
            // Sorted keys, as the OpenAPI layer writes every other answer.
            #expect(valid.text.hasPrefix(#"{"colour":"#))

            let cases: [(body: String, type: String?, field: String)] = [
                (#"{"text":"\#(code)"}"#, "application/json", "place: missing"),
                (#"{"text":"\#(code)","place":"\#(gate)","scannedAt":"yesterday"}"#, "application/json", "scannedAt: \"yesterday\" is not an RFC 3339"),
                (#"{"text":42,"place":"\#(gate)"}"#, "application/json", "text: "),
                (#"{"text":"#, "application/json", "does not match the API"),
                (#"{"text":"\#(code)","place":"\#(gate)"}"#, "text/plain", "Content-Type text/plain"),
            ]
            for (body, type, field) in cases {
                let refused = try await post(body, type: type, bearer: scanner)
                let problem = try Self.json(refused)
                #expect(refused.status == .badRequest && problem["error"] as? String == "bad_request", "\(body)")
                #expect((problem["message"] as? String ?? "").contains(field), "\(problem)")
            }
            // No type at all is taken as JSON, as the OpenAPI layer takes it.
            #expect(try await post(#"{"text":"CDN1:NOT-A-CODE","place":"\#(gate)"}"#, type: nil, bearer: scanner).status == .ok)

            let anonymous = try await post(#"{"text":"\#(code)","place":"\#(gate)"}"#)
            #expect(anonymous.status == .unauthorized)
            #expect(try Self.json(anonymous)["error"] as? String == "unauthorized")
            let unknownGate = try await post(#"{"text":"\#(code)","place":"NO-SUCH-GATE"}"#, cookie: op)
            #expect(unknownGate.status == .notFound)
            #expect(try Self.json(unknownGate)["error"] as? String == "not_found")
            // A role that does not scan: the access table's refusal, as JSON.
            let grid = try await client.signIn(try city.account("grid"))
            let denied = try await post(#"{"text":"\#(code)","place":"\#(gate)"}"#, cookie: grid)
            #expect(denied.status == .forbidden)
            #expect(try Self.json(denied)["error"] as? String == "forbidden")
        }
        try await city.close()
    }

    @Test("the hand-served batch route: answers as ScanBatchResult in order; a body that is no ScanBatch, or of 0 or 501 scans, is 400 naming the field; 401; 403")
    func batchContract() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        let operatorAccount = try city.account("checkpoint")
        let gate = "CP-\(try #require(operatorAccount.jurisdiction))"
        let person = try #require(try city.account("resident").residentID)
        let (code, _) = try await city.services.credentials.issue(for: person)
        try await city.test { client in
            let op = try await client.signIn(operatorAccount)
            func post(_ body: String, cookie: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let cookie { headers[.cookie] = cookie }
                return try await client.execute(uri: "/api/v1/scans/batch", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let scans = [#"{"text":"\#(code)","place":"\#(gate)"}"#, #"{"text":"\#(code)","place":"NO-SUCH-GATE"}"#, #"{"text":"CDN1:NOT-A-CODE","place":"\#(gate)"}"#]
            let answered = try await post(#"{"scans":[\#(scans.joined(separator: ","))]}"#, cookie: op)
            #expect(answered.status == .ok && answered.headers[.contentType] == "application/json; charset=utf-8")
            let result = try JSONDecoder().decode(Components.Schemas.ScanBatchResult.self, from: Data(buffer: answered.body))
            #expect(result.results.count == 3)
            #expect(result.results[0].verdict?.valid == true && result.results[0].verdict?.recorded == true)
            #expect(result.results[1].error == .notFound && (result.results[1].message ?? "").hasPrefix("scans[1]:"))
            #expect(result.results[2].verdict?.valid == false && result.results[2].verdict?.error == "bad-base45")

            let tooMany = "{\"scans\":[" + Array(repeating: scans[2], count: ScanService.maxBatch + 1).joined(separator: ",") + "]}"
            let cases: [(body: String, field: String)] = [
                (#"{"scans":[]}"#, "scans: send 1 to"), (tooMany, "scans: send 1 to"), (#"{"scans":[{"text":"\#(code)"}]}"#, "scans.Index 0.place: missing"),
                (#"{"scan":[]}"#, "scans: missing"),
            ]
            for (body, field) in cases {
                let refused = try await post(body, cookie: op)
                let problem = try Self.json(refused)
                #expect(refused.status == .badRequest && problem["error"] as? String == "bad_request", "\(body.prefix(80))")
                #expect((problem["message"] as? String ?? "").contains(field), "\(problem)")
            }
            let anonymous = try await post(#"{"scans":[\#(scans[0])]}"#)
            #expect(anonymous.status == .unauthorized)
            #expect(try Self.json(anonymous)["error"] as? String == "unauthorized")
            let grid = try await client.signIn(try city.account("grid"))
            let denied = try await post(#"{"scans":[\#(scans[0])]}"#, cookie: grid)
            #expect(denied.status == .forbidden)
            #expect(try Self.json(denied)["error"] as? String == "forbidden")
        }
        try await city.close()
    }
}
