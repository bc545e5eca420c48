import Domain
import Foundation
import Hummingbird
import Mustache

/// What a page shows, typed: each stored property is a name its template reads (arrays of rows
/// are arrays of row structs, optional values are left out when nil). Only stored properties
/// count — the templates see what `Mirror` sees.
protocol PageModel: Sendable {}

/// Renders server-side pages from the mustache templates shipped in the bundle, loaded once.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// Times on pages are shown on the city's clock (the profile's offset from UTC).
    let profiles: ProfileStore

    static func load(profiles: ProfileStore) async throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw HTTPError(.internalServerError, message: "templates are missing from the bundle")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory), profiles: profiles)
    }

    /// An instant as people read it: `2026-11-25 14:30` on the city's clock.
    func time(_ date: Date) -> String { profiles.profile.localTime.display(date) }

    /// The city's calendar day at an instant (ages on pages are counted to it).
    func day(_ date: Date) -> CalendarDate { CalendarDate(localDayOf: date, offsetMinutes: profiles.profile.colours.dayOffsetMinutes) }

    /// A page with the common frame: language, strings, the signed-in user and the language switch.
    func render(_ template: String, _ page: some PageModel, request: Request, context: CordonRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        let token = FormProtectionMiddleware.token(for: request)
        let html = self.html(template, page, request: request, context: context, csrf: token.value)
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.cacheControl] = "no-store"
        if token.isNew {
            response.setCookie(SiteCookies.make(FormProtectionMiddleware.cookieName, value: token.value, maxAge: 30 * 86_400, sameSite: .strict, request: request))
        }
        return response
    }

    /// The page as text (public pages keep it in the cache for anonymous readers). Every form that
    /// posts gets the browser's form token (`FormProtectionMiddleware`): `csrf`, or the cookie's.
    func html(_ template: String, _ page: some PageModel, request: Request, context: CordonRequestContext, csrf: String? = nil) -> String {
        let text = body(template, page, request: request, context: context)
        guard let token = csrf ?? SiteCookies.value(FormProtectionMiddleware.cookieName, request), text.contains("method=\"post\"") else { return text }
        return Self.withToken(text, token)
    }

    /// Puts the hidden token field first in every `<form method="post" …>`.
    static func withToken(_ html: String, _ token: String) -> String {
        let field = "<input type=\"hidden\" name=\"\(FormProtectionMiddleware.fieldName)\" value=\"\(token.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })\">"
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<form method=\"post\"") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            out += rest[..<rest.index(after: end)] + field
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    private func body(_ template: String, _ page: some PageModel, request: Request, context: CordonRequestContext) -> String {
        let lang = Language.of(request)
        var object: [String: Any] = [:]
        for child in Mirror(reflecting: page).children {
            guard let label = child.label else { continue }
            if let optional = child.value as? any OptionalValue {
                if let value = optional.wrapped { object[label] = value }
            } else {
                object[label] = child.value
            }
        }
        object["t"] = Strings.dictionary(lang)
        object["lang"] = lang.htmlTag
        object["otherLang"] = lang.other.rawValue
        object["otherLangLabel"] = lang.otherLabel
        object["path"] = request.uri.path
        if let user = context.identity {
            object["user"] = SignedInUser(name: user.displayName, role: Strings.text("role.\(user.role.rawValue)", lang))
        }
        return library.render(object, withTemplate: template) ?? "template \(template) missing"
    }
}

/// Who is signed in, in the page's header.
private struct SignedInUser {
    let name: String
    let role: String
}

/// Lets the renderer leave out a nil optional instead of handing the template an empty box.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrapped: Any? { self.map { $0 as Any } }
}
