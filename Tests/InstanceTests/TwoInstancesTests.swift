import Foundation
import Testing
import TestSupport

/// Two `cordon serve` on one PostgreSQL, as behind a load balancer: what one records the other
/// traces, a session opened on one works on the other, and the background work runs on exactly
/// one of them — on the other once that one is killed.
@Suite("Several instances on one PostgreSQL", .serialized)
struct TwoInstancesTests {
    /// Runs the `cordon` command of the build under test and returns what it printed.
    static func cordon(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = ServerProcess.binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSupportError("cordon \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    static func leader(_ server: ServerProcess) async -> Bool? {
        guard let answer = await server.get("/healthz"), answer.status == 200 else { return nil }
        return (json(answer.body) as? [String: Any])?["leader"] as? Bool
    }

    @Test("presence sent to one instance is in a trace on the other within 5 s; a session works on both; one leader, and the other takes over when it is killed")
    func twoInstances() async throws {
        guard Backend.testDatabaseURL != nil else { return }
        let url = try await FreshStore.createDatabase()
        // Both read the same keys and demo accounts, as instances mounting one configuration volume.
        let data = try TestDirectory.make("two").path
        let store = ["--data-dir", data, "--database-url", url]
        let a = try ServerProcess(store + ["--demo-residents", "1000"])
        #expect(await a.waitFor("/healthz", status: 200, within: .seconds(240)), "\(a.logText)")
        #expect(await ServerProcess.waitFor(.seconds(10)) { await Self.leader(a) == true }, "\(a.logText)")
        let b = try ServerProcess(store + ["--demo-residents", "1000"])
        #expect(await b.waitFor("/healthz", status: 200, within: .seconds(120)), "\(b.logText)")
        #expect(await Self.leader(b) == false)
        #expect(b.logText.contains("another instance runs the background work"))

        // An epidemiologist's token and the demo's feed token.
        let epi = try #require((Self.json(try Self.cordon(["tokens", "create", "--user", "epi", "--label", "two-instances", "--json"] + store)) as? [String: Any])?["token"] as? String)
        let accounts = try #require(Self.json(try String(contentsOfFile: data + "/demo-accounts.json", encoding: .utf8)) as? [[String: Any]])
        let feed = try #require(accounts.first { $0["username"] as? String == "feed" }?["token"] as? String)
        let staff = try #require(accounts.first { $0["username"] as? String == "epi" })

        // A case, where it was and when, as instance B traces it.
        let caseList = await b.get("/api/v1/cases", headers: ["Authorization": "Bearer \(epi)"])
        let cases = try #require(Self.json(caseList?.body ?? "") as? [[String: Any]])
        var found: (person: String, place: String, from: String, contacts: Set<String>)?
        for c in cases {
            guard let person = c["person"] as? String, let trace = await b.get("/api/v1/cases/\(person)/contacts", headers: ["Authorization": "Bearer \(epi)"]),
                let report = Self.json(trace.body) as? [String: Any], let contacts = report["contacts"] as? [[String: Any]],
                let evidence = contacts.lazy.compactMap({ ($0["evidence"] as? [[String: Any]])?.first }).first,
                let place = evidence["place"] as? String, let from = evidence["from"] as? String
            else { continue }
            found = (person, place, from, Set(contacts.compactMap { $0["person"] as? String }))
            break
        }
        let traced = try #require(found, "no demo case with presence evidence")
        let newcomer = try #require((1...1000).map { String(format: "R%08d", $0) }.first { $0 != traced.person && !traced.contacts.contains($0) })

        // Presence at the case's place and time, sent to A ...
        let lines = [
            #"{"id":"TWO-1","person":"\#(traced.person)","place":"\#(traced.place)","start":"\#(traced.from)","end":"\#(Self.later(traced.from, minutes: 60))"}"#,
            #"{"id":"TWO-2","person":"\#(newcomer)","place":"\#(traced.place)","start":"\#(traced.from)","end":"\#(Self.later(traced.from, minutes: 60))"}"#,
        ]
        let sent = await a.send(
            "POST", "/api/v1/ingest/presence", headers: ["Authorization": "Bearer \(feed)", "Content-Type": "application/x-ndjson"],
            body: Data(lines.joined(separator: "\n").utf8))
        #expect(sent?.status == 200 && sent?.body.contains("\"loaded\":2") == true, "\(sent?.body ?? "")")
        // ... is in B's trace within 5 s.
        let seen = await ServerProcess.waitFor(.seconds(5)) {
            await b.get("/api/v1/cases/\(traced.person)/contacts", headers: ["Authorization": "Bearer \(epi)"])?.body.contains("\"\(newcomer)\"") == true
        }
        #expect(seen, "B's trace of \(traced.person) lacks \(newcomer) 5 s after A took the presence")

        // A session opened on A works on B.
        let form = "username=\(staff["username"] as? String ?? "")&password=\((staff["password"] as? String ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&_csrf=instance-test-form-token-0123456789abcdef"
        let signIn = await a.send(
            "POST", "/signin", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "cordon_csrf=instance-test-form-token-0123456789abcdef"],
            body: Data(form.utf8))
        let cookie = try #require(signIn?.headers["set-cookie"]?.split(separator: ";").first.map(String.init), "sign-in answered \(signIn?.status ?? 0)")
        let home = await b.get("/", headers: ["Cookie": cookie, "Accept-Language": "en"])
        #expect(home?.status == 200 && home?.body.contains("Sign out") == true, "\(home?.status ?? 0)")

        // Exactly one leader; A killed without a word, B takes the work over.
        let aLeads = await Self.leader(a), bLeads = await Self.leader(b)
        #expect(aLeads == true && bLeads == false)
        kill(a.process.processIdentifier, SIGKILL)
        #expect(await ServerProcess.waitFor(.seconds(15)) { await Self.leader(b) == true }, "\(b.logText)")
        #expect(b.occurrences(of: "this instance runs the background work") == 1)
        #expect(await b.terminate(within: .seconds(10)))
    }

    static func later(_ timestamp: String, minutes: Int) -> String {
        let format = ISO8601DateFormatter()
        guard let date = format.date(from: timestamp) else { return timestamp }
        return format.string(from: date.addingTimeInterval(Double(minutes) * 60))
    }
}
