import Foundation
import Hummingbird

/// A path on this site to send a reader back to (after signing in, after switching language).
/// Only a site-relative path is taken: `//host`, `/\host` and anything with a scheme or control
/// characters would leave the site, so they fall back to the home page.
enum SitePath {
    static func local(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"), text.count <= 2_000 else { return nil }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else { return nil }
        return text
    }

    /// A link to a path on this site with these query items (and a fragment). `+` is encoded too:
    /// the form decoder reads a bare `+` as a space.
    static func link(_ path: String, _ items: [URLQueryItem], fragment: String? = nil) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = items.isEmpty ? nil : items
        let query = components.percentEncodedQuery.map { "?" + $0.replacingOccurrences(of: "+", with: "%2B") } ?? ""
        return components.percentEncodedPath + query + (fragment.map { "#" + $0 } ?? "")
    }

    /// The query items of a request but those named (a list's page and filters carried to the next link).
    static func carried(_ query: Parameters, dropping names: Set<String>) -> [URLQueryItem] {
        query.filter { !names.contains(String($0.key)) }.map { URLQueryItem(name: String($0.key), value: String($0.value)) }
    }

    /// A refused form sent back to its page (See Other) with what was typed and why (`problem`),
    /// scrolled to the form: nothing of it was stored, and nobody types it twice.
    static func refused(_ path: String, typed: [(String, String)], problem: String, fragment: String? = nil) -> Response {
        let items = typed.map { URLQueryItem(name: $0.0, value: $0.1) } + [URLQueryItem(name: "problem", value: problem)]
        return Response(status: .seeOther, headers: [.location: link(path, items, fragment: fragment)])
    }
}
