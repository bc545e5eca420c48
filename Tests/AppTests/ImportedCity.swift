import App
import Domain
import Foundation
import HummingbirdTesting
import Ingestion
import Logging
import Privacy
import TestSupport

/// A city as a real deployment starts it: areas, places and residents loaded with the import
/// contract's files (`cordon import`), no demo accounts — nobody can sign in until an
/// administrator is created.
struct ImportedCity {
    let services: CordonServices

    static let areas = """
        {"id":"3301","name":"杭州市","level":"city"}
        {"id":"330102","name":"上城区","level":"district","parent":"3301"}
        {"id":"330106","name":"西湖区","level":"district","parent":"3301"}
        {"id":"330102001","name":"湖滨街道","level":"street","parent":"330102"}
        {"id":"330102001001","name":"东坡社区","level":"community","parent":"330102001"}
        {"id":"G-DP-1","name":"东坡一网格","level":"grid","parent":"330102001001"}
        {"id":"G-DP-2","name":"东坡二网格","level":"grid","parent":"330102001001"}
        {"id":"330106001","name":"北山街道","level":"street","parent":"330106"}
        {"id":"330106001001","name":"宝石社区","level":"community","parent":"330106001"}
        {"id":"G-BS-1","name":"宝石一网格","level":"grid","parent":"330106001001"}
        """
    static let places = """
        {"id":"CP-DP","kind":"compound","name":"东坡小区","area":"G-DP-1","lat":30.257,"lon":120.165}
        {"id":"CP-BS","kind":"compound","name":"宝石小区","area":"G-BS-1","lat":30.26,"lon":120.15}
        """
    static let residents = """
        {"id":"R1","name":"张三","idType":"resident-id","idNumber":"\(idNumber("33010219800101123"))","sex":"male","birthDate":"1980-01-01","phone":"13800000001","household":"H1","area":"G-DP-1","compound":"CP-DP","building":"3","address":"东坡路1号3幢201"}
        {"id":"R2","name":"李四","idType":"resident-id","idNumber":"\(idNumber("33010619900202234"))","sex":"female","birthDate":"1990-02-02","phone":"13800000002","household":"H2","area":"G-BS-1","compound":"CP-BS","address":"宝石路2号"}
        """

    /// An 18-character resident-ID number: 17 digits and their GB 11643 check character.
    static func idNumber(_ first17: String) -> String { first17 + String(ResidentIDNumber.checkCharacter(for: Array(first17.utf8))) }

    static func make(_ backend: Backend, adjust: (inout CordonSettings) -> Void = { _ in }) async throws -> ImportedCity {
        let fresh = try await FreshStore.make(backend)
        var logger = Logger(label: "cordon-test")
        logger.logLevel = .warning
        var settings = CordonSettings(dataDirectory: fresh.directory, bcryptCost: 4)
        settings.secondFactorRoles = []
        adjust(&settings)
        let services = CordonServices(settings: settings, store: fresh.store, vault: PersonalDataVault(keyMaterial: fresh.keys), logger: logger)
        for (kind, text) in [(ImportKind.areas, areas), (.places, places), (.residents, residents)] {
            let report = try await services.imports.run(kind, reader: RecordReader(bytes: Array(text.utf8)), actor: "cli:test", source: "\(kind.rawValue).ndjson")
            guard report.problems.isEmpty else { throw TestSupportError("\(kind.rawValue): \(report.problems)") }
        }
        return ImportedCity(services: services)
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(services: services, backgroundLoops: false)
        try await app.test(.router, body)
    }

    func close() async throws { try await services.store.close() }
}

extension TestClientProtocol {
    /// Signs in with a one-time password and chooses `newPassword`: the session cookie after it.
    func signInFirstTime(_ username: String, oneTime: String, newPassword: String) async throws -> String {
        let signIn = try await postForm("/signin", ["username": username, "password": oneTime])
        guard let cookie = signIn.sessionCookie else { throw TestSupportError("\(username) could not sign in: \(signIn.status)") }
        let change = try await postForm(
            "/account/password", ["current": oneTime, "new": newPassword, "confirm": newPassword], cookie: BrowserForm.cookies(cookie))
        guard change.status == .seeOther, change.headers[.location]?.hasPrefix("/?") == true else {
            throw TestSupportError("password change answered \(change.status) \(change.headers[.location] ?? "")")
        }
        return cookie
    }
}

/// The secret shown once on the page that made it (`issued.mustache`).
func shownSecret(_ html: String) throws -> String {
    guard let match = html.firstMatch(of: /id="secret">([^<]+)</) else { throw TestSupportError("no secret on the page") }
    return String(match.output.1)
}
