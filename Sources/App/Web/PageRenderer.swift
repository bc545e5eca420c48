import Foundation
import Hummingbird
import Mustache

/// Renders server-side pages from the mustache templates shipped in the bundle, loaded once.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw HTTPError(.internalServerError, message: "templates are missing from the bundle")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory))
    }

    /// A page with the common frame: language, strings, the signed-in user and the language switch.
    func render(_ template: String, _ values: [String: Any], request: Request, context: CordonRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        let lang = Language.of(request)
        var object = values
        object["t"] = Strings.dictionary(lang)
        object["lang"] = lang.htmlTag
        object["otherLang"] = lang.other.rawValue
        object["otherLangLabel"] = lang.otherLabel
        object["path"] = request.uri.path
        if let user = context.identity {
            object["user"] = ["name": user.displayName, "role": Strings.text("role.\(user.role.rawValue)", lang)]
        }
        let html = library.render(object, withTemplate: template) ?? "template \(template) missing"
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
