import ArgumentParser
import Foundation
import Hummingbird

/// `cordon bench http-floor`: the HTTP stack alone, with none of Cordon's layers, so that
/// `scripts/bench-checkpoint` can say what a single scan cannot cost less than on this stack.
struct BenchHTTPFloorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http-floor",
        abstract: "Serve a bare Hummingbird app: GET / and POST /scan (a scan's JSON in, a verdict's JSON out, nothing else).",
        discussion: """
            The floor of a single checkpoint scan over HTTP on this stack: the same server library, the same \
            JSON coders, a request of a scan's shape, and no middleware, OpenAPI layer, token, signature or \
            store. scripts/bench-checkpoint runs wrk against it in the same run as the real server. Stops on \
            SIGINT or SIGTERM.
            """)

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8090

    func run() async throws {
        let app = Application(router: HTTPFloor.router(), configuration: .init(address: .hostname(host, port: port), serverName: "cordon-http-floor"))
        try await app.runService()
    }
}

/// The two routes of the floor server.
enum HTTPFloor {
    /// The body of POST /api/v1/scans.
    struct Scan: Decodable {
        var text: String
        var place: String
        var scannedAt: String?
    }

    /// The shape of a scan's answer (`ScanVerdict` in the OpenAPI document).
    struct Verdict: ResponseEncodable {
        var valid: Bool
        var colour: String?
        var name: String?
        var recorded: Bool
    }

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in "ok" }
        router.post("/scan") { request, context -> Verdict in
            let scan = try await request.decode(as: Scan.self, context: context)
            // Something of the input in the answer, so neither side can be skipped.
            return Verdict(valid: !scan.text.isEmpty, colour: "green", name: scan.place.isEmpty ? nil : "张*", recorded: true)
        }
        return router
    }
}
