import Foundation
import Testing
import TestSupport

/// An orchestrator stops a server with SIGTERM and kills it 30 s later; a database can go away
/// under a running server and come back. Both with the real binary, as it runs in production.
@Suite("A server's shutdown and database outages", .serialized)
struct OutageAndShutdownTests {
    static func dataDirectory() throws -> String {
        try TestDirectory.make("instance").path
    }

    @Test("a demo server on SQLite exits within 10 s of SIGTERM, its background loops running")
    func exitsAfterSigterm() async throws {
        let server = try ServerProcess(["--data-dir", try Self.dataDirectory(), "--demo-residents", "2000"])
        #expect(await server.waitFor("/healthz", status: 200, within: .seconds(240)), "\(server.logText)")
        #expect(await server.terminate(within: .seconds(10)), "still running 10 s after SIGTERM:\n\(server.logText)")
    }

    @Test("PostgreSQL goes away: logged once, /healthz 503 with the reason while /livez answers; back again: 200; SIGTERM during the outage: exit within 10 s")
    func survivesAnOutage() async throws {
        guard let base = Backend.testDatabaseURL, let components = URLComponents(string: base), let host = components.host else { return }
        var url = try #require(URLComponents(string: try await FreshStore.createDatabase()))
        let relay = try DatabaseRelay(target: (host, components.port ?? 5432))
        try relay.start()
        (url.host, url.port) = ("127.0.0.1", relay.port)
        let server = try ServerProcess(["--data-dir", try Self.dataDirectory(), "--database-url", try #require(url.string), "--demo-residents", "0"])
        #expect(await server.waitFor("/healthz", status: 200, within: .seconds(120)), "\(server.logText)")

        relay.cut()
        #expect(await server.waitFor("/healthz", status: 503, within: .seconds(20)), "\(server.logText)")
        let answer = await server.get("/healthz")
        #expect(answer?.body.contains("\"reason\"") == true && answer?.body.contains("unavailable") == true, "\(answer?.body ?? "")")
        #expect(await server.get("/livez")?.status == 200)
        // The loops keep failing while it lasts (the outbox every round); the log says so once.
        for _ in 0..<5 { _ = await server.get("/healthz") }
        #expect(server.occurrences(of: "database unreachable") == 1, "\(server.logText)")
        #expect(server.occurrences(of: "outbox dispatch failed") == 0, "\(server.logText)")

        try relay.start()
        #expect(await server.waitFor("/healthz", status: 200, within: .seconds(30)), "\(server.logText)")
        #expect(server.occurrences(of: "database reachable again") == 1, "\(server.logText)")

        relay.cut()
        #expect(await server.waitFor("/healthz", status: 503, within: .seconds(20)))
        #expect(await server.terminate(within: .seconds(10)), "still running 10 s after SIGTERM:\n\(server.logText)")
    }
}
