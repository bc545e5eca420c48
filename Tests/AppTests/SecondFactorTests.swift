import App
import Domain
import Foundation
import HummingbirdTesting
import Privacy
import Testing
import TestSupport

/// Admin and command-centre accounts sign in with a password and then a TOTP code (RFC 6238): the
/// first time they enrol a secret from the page, later each code works once.
@Suite("Second factor at sign-in")
struct SecondFactorTests {
    @Test("admin enrols a TOTP secret at first sign-in, is refused a wrong or replayed code, and a half sign-in opens nothing", arguments: Backend.available)
    func enrolAndSignIn(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300) { $0.secondFactorRoles = [.admin, .commandCentre] }
        let admin = try city.account("admin")
        let clock = city.services.clock
        try await city.test { client in
            // The password alone does not sign in: a short-lived pending cookie, no session.
            let first = try await client.postForm("/signin", ["username": admin.username, "password": admin.password ?? "", "next": "/tasks"])
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/signin/second-factor?next=%2Ftasks")
            #expect(first.sessionCookie == nil)
            let pending = try #require(first.cookie("cordon_2fa"))
            #expect(try await client.get("/", cookie: pending).status == .seeOther)

            // Enrolment: the secret as QR and text, then a code from it.
            let page = try await client.get("/signin/second-factor", cookie: pending, language: "en")
            #expect(page.status == .ok && page.text.contains("<svg") && page.text.contains("authenticator"))
            let secretText = try #require(page.text.firstMatch(of: /data-secret="([A-Z2-7]+)"/)?.output.1)
            let totp = TOTP(secret: try #require(Base32.decode(String(secretText))))
            let wrong = try await client.postForm("/signin/second-factor", ["code": "000000"], cookie: BrowserForm.cookies(pending), language: "en")
            #expect(wrong.status == .unauthorized && wrong.text.contains("6 digits") && wrong.sessionCookie == nil)
            let code = totp.code(at: clock.now())
            let done = try await client.postForm("/signin/second-factor", ["code": code, "next": "/tasks"], cookie: BrowserForm.cookies(pending))
            #expect(done.status == .seeOther && done.headers[.location] == "/tasks")
            let session = try #require(done.sessionCookie)
            #expect(try await client.get("/", cookie: session).status == .ok)
            // The pending sign-in is used up.
            #expect(try await client.postForm("/signin/second-factor", ["code": code], cookie: BrowserForm.cookies(pending)).status == .unauthorized)

            // Next time: no secret on the page, and the code just used does not work again.
            let again = try #require(try await client.postForm("/signin", ["username": admin.username, "password": admin.password ?? ""]).cookie("cordon_2fa"))
            let second = try await client.get("/signin/second-factor", cookie: again)
            #expect(second.status == .ok && !second.text.contains("data-secret"))
            #expect(try await client.postForm("/signin/second-factor", ["code": code], cookie: BrowserForm.cookies(again)).status == .unauthorized)
            let nextCode = totp.code(counter: totp.counter(at: clock.now()) + 1)
            #expect(try await client.postForm("/signin/second-factor", ["code": nextCode], cookie: BrowserForm.cookies(again)).sessionCookie != nil)

            // Roles outside the setting sign in with the password alone.
            #expect(try await client.postForm("/signin", ["username": "epi", "password": try city.account("epi").password ?? ""]).sessionCookie != nil)
        }
        // The secret is sealed at rest, bound to its account; a reset makes the account enrol again.
        let stored = try #require(try await city.services.store.account(username: admin.username))
        #expect(try city.services.vault.open(try #require(stored.secondFactorSealed), as: .accountSecondFactor, row: stored.id).count == 26)
        try await city.services.accounts.resetSecondFactor(username: admin.username, actor: "cli:test")
        #expect(try await city.services.store.account(username: admin.username)?.secondFactorSealed == nil)
        let audit = try await city.services.store.recentAudit(subjectID: stored.id, limit: 20).map(\.event.action)
        #expect(audit.contains("second-factor.enrol") && audit.contains("second-factor.reset"))
        try await city.close()
    }
}
