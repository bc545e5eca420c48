import Hummingbird

/// A documented API path asked with a method `openapi.yaml` does not give it: 405 with `Allow`,
/// before authentication or form checks could answer anything else (the path exists; the method
/// is wrong, whoever asks).
struct UndeclaredMethodMiddleware: RouterMiddleware {
    typealias Context = CordonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if DomainErrorMiddleware.isMachinePath(path), let methods = DocumentedRoutes.shared.methods(for: path),
            !methods.contains(request.method.rawValue), !(request.method == .head && methods.contains("GET"))
        {
            let allow = methods.sorted().joined(separator: ", ")
            return DomainErrorMiddleware.problem(.methodNotAllowed, "\(request.method.rawValue) is not a method of \(path); use \(allow)", headers: [.allow: allow])
        }
        return try await next(request, context)
    }
}
