import Crypto
import Domain
import Foundation
import Hummingbird
import Privacy

/// Cross-site request forgery: another site must not make a signed-in browser post a form here
/// (red-code someone, approve a request). Every unsafe request passes two checks:
/// - its `Origin` (or, without one, its `Referer`) is this site when the browser says where it comes from;
/// - a form carries the token of the browser's `cordon_csrf` cookie (double submit: another site
///   can make the browser send the cookie, but cannot read it to put it in the form); and a request
///   signed in by cookie that is no form must be JSON, which no other site can send without CORS.
/// Requests with a bearer token and no session cookie are machines: no browser adds that header.
/// The token goes into every form by `PageRenderer`, so no template can forget it.
struct FormProtectionMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext
    static let cookieName = SiteCookies.form
    static let fieldName = "_csrf"
    let pages: PageRenderer
    let areas: any AreaRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        var request = request
        if let problem = try await Self.problem(&request) {
            context.logger.notice("refused a cross-site or tokenless \(request.method) \(request.uri.path): \(problem)")
            if !UnknownPageMiddleware.isPage(request.uri.path) { throw HTTPError(.forbidden, message: problem) }
            let refusal = Refusal(.forbidden, api: problem) { Strings.text("formExpired", $0) }
            return await ErrorPage.response(for: refusal, pages: pages, areas: areas, request: request, context: context)
        }
        return try await next(request, context)
    }

    /// Why the request is refused, or nil. Reads (and keeps) a form's body to find its token.
    static func problem(_ request: inout Request) async throws -> String? {
        if let origin = request.headers[.origin] {
            guard sameSite(origin, request) else { return "Origin \(origin) is not this site" }
        } else if let referer = request.headers[.referer], !referer.isEmpty {
            guard sameSite(referer, request) else { return "Referer is not this site" }
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let sessionCookie = SiteCookies.value(SessionAuthenticator.cookieName, request) != nil
        // A machine: a bearer token and no browser session. No other site can make a browser add it.
        if !sessionCookie && request.headers[.authorization] != nil { return nil }
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            let body = try await request.collectBody(upTo: 4 << 20)
            guard let cookie = SiteCookies.value(cookieName, request), !cookie.isEmpty,
                let sent = field(fieldName, in: String(buffer: body)), equal(sent, cookie)
            else { return "the form carries no valid \(fieldName) token" }
            return nil
        }
        if contentType.hasPrefix("multipart/form-data") || contentType.hasPrefix("text/plain") {
            return "a browser's forms are sent URL-encoded, with their token"
        }
        // Any other type (JSON, NDJSON, CSV) makes a browser ask first (CORS), which no other site
        // passes; without a type, a signed-in browser's request could come from anywhere.
        if sessionCookie && contentType.isEmpty { return "a signed-in browser's request names its content type" }
        return nil
    }

    /// `https://host:port/...` names this site: the same host and port the request was sent to.
    static func sameSite(_ url: String, _ request: Request) -> Bool {
        guard let host = URLComponents(string: url)?.host, let authority = request.head.authority else { return false }
        let port = URLComponents(string: url)?.port
        let here = authority.split(separator: ":", maxSplits: 1)
        let hereHost = here.first.map(String.init) ?? authority
        let herePort = here.count > 1 ? Int(here[1]) : nil
        return host.lowercased() == hereHost.lowercased() && (port == herePort || herePort == nil || port == nil)
    }

    static func field(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.first == Substring(name) { return kv.count > 1 ? String(kv[1]).removingPercentEncoding : "" }
        }
        return nil
    }

    /// Constant time: the comparison must not tell an attacker how much of a guess was right.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The browser's token: its cookie, or a new one for a first visit (set with the page).
    static func token(for request: Request) -> (value: String, isNew: Bool) {
        if let value = SiteCookies.value(cookieName, request), value.count == 43 { return (value, false) }
        return (SecretToken.generate(), true)
    }
}
