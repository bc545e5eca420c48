import Hummingbird

/// The session and form cookies. Reached over HTTPS (directly, or through a proxy that says so
/// with `X-Forwarded-Proto`), they are `Secure` and `__Host-` prefixed: the browser then sends
/// them only over HTTPS, to this host alone, and no subdomain can plant one.
enum SiteCookies {
    static let session = "cordon_session"
    static let form = "cordon_csrf"
    /// A half-finished staff sign-in waiting for its second factor (minutes).
    static let secondFactor = "cordon_2fa"

    static func isHTTPS(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https" || request.headers[SecurityHeaderValues.forwardedProto]?.lowercased() == "https"
    }

    /// The name a cookie has on this request's connection.
    static func name(_ base: String, _ request: Request) -> String { isHTTPS(request) ? "__Host-" + base : base }

    /// The cookie's value as the browser sent it (the prefixed name first).
    static func value(_ base: String, _ request: Request) -> String? {
        request.cookies["__Host-" + base]?.value ?? request.cookies[base]?.value
    }

    static func make(_ base: String, value: String, maxAge: Int, sameSite: Cookie.SameSite, request: Request) -> Cookie {
        Cookie(name: name(base, request), value: value, maxAge: maxAge, path: "/", secure: isHTTPS(request), httpOnly: true, sameSite: sameSite)
    }
}
