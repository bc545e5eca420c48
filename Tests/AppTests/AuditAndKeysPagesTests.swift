import App
import Domain
import Foundation
import HummingbirdTesting
import Testing
import TestSupport

/// The audit log viewer and the keys page: what `cordon audit` and `cordon keys` do, on pages for
/// the command centre and administrators.
@Suite("Audit log and keys pages")
struct AuditAndKeysPagesTests {
    @Test("the audit log filtered by account, person and action, exported as CSV (audited), its chain verified on the page", arguments: Backend.available)
    func auditViewer(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let cli = Principal.commandLine("ops")
        let admin = try await city.services.staff.createAdmin(username: "root", displayName: "系统管理员", as: cli)
        let worker = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: cli)
        try await city.test { client in
            let w = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            #expect(try await client.get("/people/R1", cookie: w).status == .ok)
            #expect(try await client.get("/audit", cookie: w).status == .forbidden)

            let session = try await client.signInFirstTime("root", oneTime: admin.password, newPassword: "harbour-lantern-42")
            let byAccount = try await client.get("/audit?account=dongpo.wang&action=person.", cookie: session, language: "zh")
            #expect(byAccount.status == .ok && byAccount.text.contains("person.read") && byAccount.text.contains("王网格 (dongpo.wang)") && !byAccount.text.contains("account.create"))
            let byPerson = try await client.get("/audit?person=R1", cookie: session)
            #expect(byPerson.text.contains("person R1") && !byPerson.text.contains("account.password-change"))
            let unknown = try await client.get("/audit?account=nobody", cookie: session, language: "en")
            #expect(unknown.status == .ok && unknown.text.contains("Account user name: no account nobody"))

            let csv = try await client.get("/audit.csv?person=R1", cookie: session)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "seq,at,actor,action,subjectKind,subjectID,detail,hash" && lines.count >= 2 && lines.dropFirst().allSatisfy { $0.contains(",R1,") })

            let verified = try await client.postForm("/audit/verify", [:], cookie: BrowserForm.cookies(session), language: "en")
            #expect(verified.status == .ok && verified.text.contains("The chain holds"))
        }
        let actions = try await city.services.store.auditPage(AuditFilter(actor: "staff:acct-root"), page: PageRequest()).items.map(\.event.action)
        #expect(actions.contains("audit.export") && actions.contains("audit.verify"))
        try await city.close()
    }

    @Test("the keys page lists the signing keys, rotates them, and revokes a paper code by its number", arguments: Backend.available)
    func keysPage(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let admin = try await city.services.staff.createAdmin(username: "root", displayName: nil, as: .commandLine("ops"))
        let paper = try await city.services.credentials.issue(for: "R1", kind: .paper)
        let paperID = Hex.encode(paper.credential.id)
        try await city.test { client in
            let session = try await client.signInFirstTime("root", oneTime: admin.password, newPassword: "harbour-lantern-42")
            let page = try await client.get("/keys", cookie: session, language: "en")
            #expect(page.status == .ok && page.text.contains("active") && page.text.contains("next"))
            let before = try city.services.signingKeys.entries().first { $0.state == .active }?.kid
            #expect(try await client.postForm("/keys/rotate", [:], cookie: BrowserForm.cookies(session)).status == .seeOther)
            let after = try city.services.signingKeys.entries().first { $0.state == .active }?.kid
            #expect(before != nil && after != nil && before != after)

            let bad = try await client.postForm("/keys/revoke", ["code": "12345"], cookie: BrowserForm.cookies(session), language: "en")
            let back = try await client.get(try #require(bad.headers[.location]), cookie: session, language: "en")
            #expect(back.text.contains("the 32 characters printed") && back.text.contains("value=\"12345\""))
            #expect(try await client.postForm("/keys/revoke", ["code": paperID], cookie: BrowserForm.cookies(session)).status == .seeOther)
            #expect(try await client.get("/keys", cookie: session).text.contains(paperID))
        }
        // The revoked paper code no longer verifies.
        #expect(throws: (any Error).self) { try city.services.credentials.verify(paper.text) }
        try await city.close()
    }
}
