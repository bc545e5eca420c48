import CordonAPI
import Foundation
import Hummingbird

/// The paths and methods `openapi.yaml` documents, read once: a request for a documented path with
/// a method it does not have is answered 405 with `Allow`, not 404 (the path exists; the method is wrong).
struct DocumentedRoutes: Sendable {
    /// Each documented path as its segments (`{id}` matches any one) and its methods, upper case.
    let routes: [(segments: [String], methods: Set<String>)]

    static let shared = DocumentedRoutes(yaml: (try? CordonAPISpec.document()).map { String(decoding: $0, as: UTF8.self) } ?? "")

    init(yaml: String) {
        var routes: [(segments: [String], methods: Set<String>)] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                routes.append((line.dropFirst(2).dropLast().split(separator: "/").map(String.init), []))
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"), !routes.isEmpty {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) { routes[routes.count - 1].methods.insert(method) }
            }
        }
        self.routes = routes
    }

    /// The methods documented for `path`, or nil when no documented path matches it.
    func methods(for path: String) -> Set<String>? {
        let parts = path.split(separator: "/").map(String.init)
        for route in routes where route.segments.count == parts.count {
            if zip(route.segments, parts).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) { return route.methods }
        }
        return nil
    }
}
