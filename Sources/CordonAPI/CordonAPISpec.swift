import Foundation

/// The JSON API contract. Types and the server protocol (`APIProtocol`) are generated from
/// `openapi.yaml` at build time; the same file ships as a resource and is served at /openapi.yaml.
public enum CordonAPISpec {
    /// The spec document as shipped.
    public static func document() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}
