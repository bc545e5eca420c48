import App
import DemoCity
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Privacy
import TestSupport

/// A small demo city (two districts, one grid each) on a fresh store of the given backend, with
/// its demo sign-ins, served by the real application router.
struct TestCity {
    let services: CordonServices
    let fresh: FreshStore
    let accounts: [DemoLoader.DemoAccount]
    let city: DemoCity

    /// `tweak` adjusts the settings before the services are built on them (a lower ingest limit, say).
    static func make(
        _ backend: Backend, residents: Int = 3000, statuses: Bool = false, settings tweak: (inout CordonSettings) -> Void = { _ in }
    ) async throws -> TestCity {
        let fresh = try await FreshStore.make(backend)
        var logger = Logger(label: "cordon-test")
        logger.logLevel = .warning
        var settings = CordonSettings(dataDirectory: fresh.directory, bcryptCost: 4)
        // Most tests sign admin and command in by password alone; SecondFactorTests turns it on.
        settings.secondFactorRoles = []
        tweak(&settings)
        let services = CordonServices(settings: settings, store: fresh.store, vault: PersonalDataVault(keyMaterial: fresh.keys), logger: logger)
        let spec = DemoCitySpec(residents: residents, seed: 11, today: .today(Date()))
        let accounts = try await services.demo.load(spec: spec, statuses: statuses)
        return TestCity(services: services, fresh: fresh, accounts: accounts, city: DemoCity(spec: spec))
    }

    func account(_ username: String) throws -> DemoLoader.DemoAccount {
        guard let a = accounts.first(where: { $0.username == username }) else { throw TestSupportError("no demo account \(username)") }
        return a
    }

    /// Runs `body` against the real application, without its background loops.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(services: services, backgroundLoops: false)
        try await app.test(.router, body)
    }

    func close() async throws { try await services.store.close() }
}

/// The form token a browser holds (its `cordon_csrf` cookie) and sends back in every form, as the
/// pages put it there: tests post forms the way a browser on this site does.
enum BrowserForm {
    static let token = "test-form-token-0123456789abcdefghijklmnopq"
    static func cookies(_ session: String?) -> String { (session.map { $0 + "; " } ?? "") + "cordon_csrf=\(token)" }
    static func body(_ fields: [String: String]) -> String {
        (fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } + ["_csrf=\(token)"]).joined(separator: "&")
    }
}

extension TestClientProtocol {
    /// POSTs a form, with the browser's form token, and returns the response.
    func postForm(_ uri: String, _ fields: [String: String], cookie: String? = nil, language: String? = nil) async throws -> TestResponse {
        let body = BrowserForm.body(fields)
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        headers[.cookie] = BrowserForm.cookies(cookie)
        if let language { headers[.acceptLanguage] = language }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func get(_ uri: String, cookie: String? = nil, bearer: String? = nil, language: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if let language { headers[.acceptLanguage] = language }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Signs a staff member in and returns the session cookie to send back.
    func signIn(_ account: DemoLoader.DemoAccount) async throws -> String {
        let response = try await postForm("/signin", ["username": account.username, "password": account.password ?? ""])
        guard response.status == .seeOther, let cookie = response.sessionCookie else {
            throw TestSupportError("sign-in of \(account.username) answered \(response.status)")
        }
        return cookie
    }
}

extension TestResponse {
    /// `cordon_session=…` from Set-Cookie, ready for a Cookie header.
    var sessionCookie: String? { cookie("cordon_session") }

    /// `NAME=…` from Set-Cookie, ready for a Cookie header.
    func cookie(_ name: String) -> String? {
        headers[values: .setCookie].compactMap { $0.split(separator: ";").first.map(String.init) }.first { $0.hasPrefix(name + "=") }
    }

    var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    /// Signs a resident in with their phone and the SMS code the outbox holds.
    func signInResident(_ phone: String, store: any CordonStore) async throws -> String {
        _ = try await postForm("/signin/code-request", ["phone": phone])
        let message = try await store.pendingMessages(limit: 50).last { $0.kind == .signInCode && $0.recipientMasked == Masking.phone(phone) }
        guard let code = message?.body.firstMatch(of: /\d{6}/)?.output else { throw TestSupportError("no sign-in code for \(phone)") }
        let response = try await postForm("/signin/code", ["phone": phone, "code": String(code)])
        guard let cookie = response.sessionCookie else { throw TestSupportError("resident sign-in answered \(response.status)") }
        return cookie
    }
}
