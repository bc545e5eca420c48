/// The JSON API contract. Types and the server protocol (`APIProtocol`) are generated from
/// `openapi.yaml` at build time; the App target serves the same file (a link to it) at /openapi.yaml.
package enum CordonAPISpec {
    /// The OpenAPI version the spec is written in.
    package static let openAPIVersion = "3.1.0"
}
