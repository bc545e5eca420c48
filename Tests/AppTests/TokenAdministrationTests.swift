import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Privacy
import Testing
import TestSupport

/// API tokens (DESIGN §5): made for an account or for a service account named after the label,
/// scoped with the permission table's names, shown once, listed with their last use, revoked,
/// expiring. A token never does more than its scopes, nor more than its account.
@Suite("API tokens")
struct TokenAdministrationTests {
    @Test("a service-account token scoped to ingest:labs sends lab results and nothing else; read sees, never changes; expired and revoked tokens stop", arguments: Backend.available)
    func scopes(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let staff = city.services.staff
        let cli = Principal.commandLine("ops")
        let labs = try await staff.createToken(username: nil, label: "Hospital labs", scopes: ["ingest:labs"], areaID: nil, expiresInDays: 30, as: cli)
        #expect(labs.account.username == "svc-hospital-labs" && labs.account.role == .dataFeed && labs.token.scopes == ["ingest:labs"])
        #expect(labs.token.expiresAt != nil)
        // The store keeps the hash, never the secret.
        #expect(try await city.services.store.tokens(accountID: labs.account.id).first?.tokenHash == SecretToken.hash(labs.secret))
        let reader = try await staff.createToken(username: nil, label: "dashboard", scopes: ["read"], areaID: nil, expiresInDays: nil, as: cli)
        #expect(reader.account.role == .commandCentre)
        // Bare kinds (as tokens made before) and a scope the role lacks.
        #expect(try await staff.createToken(username: "svc-hospital-labs", label: "old", scopes: ["labs"], areaID: nil, expiresInDays: nil, as: cli).token.scopes == ["ingest:labs"])
        await #expect(throws: StaffProblem.scopeBeyondRole(scope: "scan", role: .dataFeed)) {
            try await staff.createToken(username: "svc-hospital-labs", label: "x", scopes: ["scan"], areaID: nil, expiresInDays: nil, as: cli)
        }
        await #expect(throws: StaffProblem.unknownScope("ingest:everything")) {
            try await staff.createToken(username: nil, label: "x", scopes: ["ingest:everything"], areaID: nil, expiresInDays: nil, as: cli)
        }
        await #expect(throws: StaffProblem.scopeNeeded) {
            try await staff.createToken(username: nil, label: "x", scopes: [], areaID: nil, expiresInDays: nil, as: cli)
        }

        try await city.test { client in
            func ingest(_ kind: String, _ line: String, _ token: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/ingest/\(kind)", method: .post, headers: [.contentType: "application/x-ndjson", .authorization: "Bearer \(token)"],
                    body: ByteBuffer(string: line + "\n"))
            }
            let lab = try await ingest("labs", #"{"id":"L1","person":"R1","sampledAt":"2026-11-20T08:00:00Z","result":"negative","test":"pcr"}"#, labs.secret)
            #expect(lab.status == .ok)
            let resident = try await ingest("residents", #"{"id":"R-EVIL","name":"王五","phone":"13900000000","area":"G-DP-1"}"#, labs.secret)
            #expect(resident.status == .forbidden && resident.text.contains("ingest:residents"))
            #expect(try await client.get("/api/v1/residents/R1", bearer: labs.secret).status == .forbidden)
            // `read` opens records (audited) and may not import.
            #expect(try await client.get("/api/v1/residents/R1", bearer: reader.secret).status == .ok)
            #expect(try await ingest("labs", #"{"id":"L2","person":"R1","sampledAt":"2026-11-20T08:00:00Z","result":"negative","test":"pcr"}"#, reader.secret).status == .forbidden)
        }
        // Last use is recorded; a revoked token stops (after the 30 s cache: a fresh application here).
        #expect(try await city.services.store.tokens(accountID: labs.account.id).contains { $0.label == "Hospital labs" && $0.lastUsedAt != nil })
        try await staff.revokeToken(username: "svc-hospital-labs", hashHex: Hex.encode(Array(labs.token.tokenHash)), as: cli)
        await #expect(throws: StaffProblem.noSuchToken) {
            try await staff.revokeToken(username: "svc-hospital-labs", hashHex: Hex.encode(Array(labs.token.tokenHash)), as: cli)
        }
        // Expired: past its date, the token signs in to nothing.
        let expired = "cdn_expired-secret"
        let account = try #require(try await city.services.store.account(username: "svc-dashboard"))
        try await city.services.store.createToken(
            APIToken(tokenHash: SecretToken.hash(expired), accountID: account.id, label: "old", createdAt: Date() - 86_400, scopes: ["read"], expiresAt: Date() - 1), audit: nil)
        let fresh = ImportedCity(services: CordonServices(
            settings: city.services.settings, store: city.services.store, vault: city.services.vault, logger: city.services.logger))
        #expect(try await fresh.services.accounts.principal(bearer: labs.secret) == nil)
        #expect(try await fresh.services.accounts.principal(bearer: expired) == nil)
        #expect(try await fresh.services.accounts.principal(bearer: reader.secret)?.tokenScopes == TokenScope.readOnly)
        let audit = try await city.services.store.recentAudit(subjectID: labs.account.id, limit: 10).map(\.event.action)
        #expect(audit.contains("token.create") && audit.contains("token.revoke") && audit.contains("account.create"))
        try await city.close()
    }

    @Test("administrators manage tokens on the account's page: created and shown once, listed with scopes and last use, revoked", arguments: Backend.available)
    func tokenPages(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let admin = try await city.services.staff.createAdmin(username: "root", displayName: nil, as: .commandLine("ops"))
        _ = try await city.services.staff.createToken(username: nil, label: "labs", scopes: ["ingest:labs"], areaID: nil, expiresInDays: nil, as: .commandLine("ops"))
        try await city.test { client in
            let session = try await client.signInFirstTime("root", oneTime: admin.password, newPassword: "harbour-lantern-42")
            let created = try await client.postForm(
                "/staff/svc-labs/tokens", ["label": "second feed", "scopes": "ingest:labs", "expiresInDays": "90"], cookie: BrowserForm.cookies(session))
            let secret = try shownSecret(created.text)
            #expect(secret.hasPrefix("cdn_"))
            let page = try await client.get("/staff/svc-labs", cookie: session, language: "en")
            #expect(page.text.contains("second feed") && page.text.contains("ingest:labs") && page.text.contains("Never used") && !page.text.contains(secret))
            let refused = try await client.postForm(
                "/staff/svc-labs/tokens", ["label": "bad", "scopes": "scan"], cookie: BrowserForm.cookies(session), language: "en")
            let back = try await client.get(try #require(refused.headers[.location]), cookie: session, language: "en")
            #expect(back.text.contains("may not scan") && back.text.contains("value=\"bad\""))
            let hash = try #require(page.text.firstMatch(of: /tokens\/([0-9a-f]{64})\/revoke/)?.output.1)
            #expect(try await client.postForm("/staff/svc-labs/tokens/\(hash)/revoke", [:], cookie: BrowserForm.cookies(session)).status == .seeOther)
            #expect(try await client.get("/staff/svc-labs", cookie: session, language: "en").text.contains("Revoked"))
        }
        try await city.close()
    }
}
