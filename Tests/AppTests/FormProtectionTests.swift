import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Another site cannot make a signed-in browser change anything here.
@Suite("Form protection (CSRF)")
struct FormProtectionTests {
    @Test("a form without the browser's token, or from another origin, changes nothing; every form carries the token", arguments: Backend.available)
    func forgedForms(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let store = city.services.store
        try await city.test { client in
            let command = try await client.signIn(try city.account("command"))
            let until = Timestamp.format(Date().addingTimeInterval(86_400)).prefix(16).replacingOccurrences(of: "T", with: "T")
            let fields = "person=R00000010&colour=red&legalBasis=%E3%80%8A%E4%BC%A0%E6%9F%93%E7%97%85%E9%98%B2%E6%B2%BB%E6%B3%95%E3%80%8B&until=\(until)"
            // The forged post: the session cookie rides along, but the page's token cannot.
            let forged = try await client.execute(
                uri: "/overrides", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: command, .acceptLanguage: "zh-CN"],
                body: ByteBuffer(string: fields))
            #expect(forged.status == .forbidden && forged.text.contains("表单已失效或来自其他网站"))
            // A token copied from the cookie name but not matching it.
            let guessed = try await client.execute(
                uri: "/overrides", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: BrowserForm.cookies(command)],
                body: ByteBuffer(string: fields + "&_csrf=not-the-token"))
            #expect(guessed.status == .forbidden)
            // The right token from another site's page.
            let crossSite = try await client.execute(
                uri: "/overrides", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: BrowserForm.cookies(command), .origin: "https://evil.example"],
                body: ByteBuffer(string: fields + "&_csrf=\(BrowserForm.token)"))
            #expect(crossSite.status == .forbidden)
            #expect(try await store.pendingOverrideRequests(within: .everywhere, page: PageRequest(limit: 5)).total == 0)
            // A signed-in browser's API call must be JSON: a form-like text/plain body is refused.
            let plain = try await client.execute(
                uri: "/api/v1/overrides", method: .post, headers: [.contentType: "text/plain", .cookie: command], body: ByteBuffer(string: "{}"))
            #expect(plain.status == .forbidden)

            // Every form that posts carries the token; the browser gets its cookie with the first page.
            let first = try await client.get("/signin")
            #expect(first.headers[.setCookie]?.contains("cordon_csrf=") == true && first.headers[.setCookie]?.contains("SameSite=Strict") == true)
            let page = try await client.execute(uri: "/overrides?person=R00000010", method: .get, headers: [.cookie: BrowserForm.cookies(command)]).text
            let forms = page.components(separatedBy: "<form method=\"post\"").count - 1
            #expect(forms > 0 && page.components(separatedBy: "name=\"_csrf\" value=\"\(BrowserForm.token)\"").count - 1 == forms)
            // With the token, from this site, it goes through.
            let sent = try await client.postForm(
                "/overrides", ["person": "R00000010", "colour": "red", "legalBasis": "《传染病防治法》第三十九条", "until": String(until)], cookie: command)
            #expect(sent.status == .seeOther && !(sent.headers[.location] ?? "").contains("problem"))
            #expect(try await store.pendingOverrideRequests(within: .everywhere, page: PageRequest(limit: 5)).total == 1)
        }
        try await city.close()
    }

    @Test("over HTTPS the cookies are Secure and __Host- prefixed, and HSTS is on; the CSP allows scripts from files only")
    func httpsCookies() async throws {
        let city = try await TestCity.make(.sqlite, residents: 100)
        try await city.test { client in
            let page = try await client.execute(uri: "/signin", method: .get, headers: [.init("X-Forwarded-Proto")!: "https"])
            let cookie = page.headers[.setCookie] ?? ""
            #expect(cookie.hasPrefix("__Host-cordon_csrf=") && cookie.contains("Secure") && cookie.contains("Path=/"))
            #expect(page.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self';") == true && page.headers[.xContentTypeOptions] == "nosniff")
            // The page has no inline script: every <script> names a file or is a data block.
            let scripts = page.text.components(separatedBy: "<script").dropFirst()
            #expect(scripts.allSatisfy { $0.hasPrefix(" src=") || $0.hasPrefix(" type=\"application/json\"") })
            let staff = try city.account("grid")
            let token = String(cookie.dropFirst("__Host-cordon_csrf=".count).prefix(43))
            let signedIn = try await client.execute(
                uri: "/signin", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "__Host-cordon_csrf=\(token)", .init("X-Forwarded-Proto")!: "https"],
                body: ByteBuffer(string: "username=\(staff.username)&password=\(staff.password ?? "")&_csrf=\(token)"))
            #expect(signedIn.status == .seeOther && (signedIn.headers[.setCookie] ?? "").hasPrefix("__Host-cordon_session="))
        }
        try await city.close()
    }

    @Test("with an https public URL (--public-url) the cookies are Secure and __Host- even when the proxy does not say so")
    func publicURL() async throws {
        let city = try await TestCity.make(.sqlite, residents: 100) { $0.publicURL = "https://cordon.example.org" }
        try await city.test { client in
            let page = try await client.get("/signin")
            let cookie = page.headers[.setCookie] ?? ""
            #expect(cookie.hasPrefix("__Host-cordon_csrf=") && cookie.contains("Secure"))
            #expect(page.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
        }
        try await city.close()
        // Without it, plain HTTP keeps plain cookies (a laptop demo on http://127.0.0.1 must work).
        let plain = try await TestCity.make(.sqlite, residents: 100)
        try await plain.test { client in
            let cookie = try await client.get("/signin").headers[.setCookie]
            #expect(cookie?.hasPrefix("cordon_csrf=") == true)
        }
        try await plain.close()
    }
}
