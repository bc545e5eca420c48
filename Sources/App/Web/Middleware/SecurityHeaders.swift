
import Hummingbird

/// Headers that keep a browser from being turned against the people using Cordon: scripts only
/// from this site (the pages have no inline script; the CSP would refuse one), no framing (no
/// click-jacking of an approve button), no content-type guessing, no full URLs (with their query)
/// sent to other sites, and HSTS when the site is reached over HTTPS.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The site's public address is https (`--public-url`): every request reached it over TLS
    /// (terminated by the proxy in front), whether or not the proxy says so.
    var publicHTTPS = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if publicHTTPS {
            var head = request.head
            head.headerFields[SecurityHeaderValues.forwardedProto] = "https"
            request = Request(head: head, body: request.body)
        }
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = SecurityHeaderValues.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[SecurityHeaderValues.referrerPolicy] = "same-origin"
        response.headers[SecurityHeaderValues.frameOptions] = "DENY"
        // Behind a TLS-terminating proxy (which says so) or served over HTTPS itself.
        if SiteCookies.isHTTPS(request) {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        return response
    }
}

/// The headers' values, built once (a generic type cannot hold static stored properties, and
/// building the policy text on every response showed in profiles of the scan route).
enum SecurityHeaderValues {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
        "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    // Names swift-http-types does not list (built from their canonical text).
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    static let frameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    static let forwardedProto = HTTPFields.Element.Name("X-Forwarded-Proto")!
}
