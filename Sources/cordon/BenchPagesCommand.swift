import App
import ArgumentParser
import Domain
import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cordon bench pages`: every staff list page of every staff role on a generated city, fetched over
/// HTTP from the real server as the role's browser would, against `/livez` of the same server in
/// the same run. Goal (issue 15): each page's p99 ≤ 300 ms on a 1,000,000-resident city.
struct BenchPagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "Time every staff list page of every role over HTTP on a demo city (goal: p99 ≤ 300 ms at 1M residents).",
        discussion: """
            Generates a demo city of --residents people (statuses, tasks, reports and all) in a fresh SQLite store in \
            --work-dir (or reuses the city there when its demo-accounts.json exists), starts `cordon serve` in this process, \
            gives each demo staff account a token, and fetches each of the role's list pages --runs times after one warm-up, \
            one request at a time. Prints the median and p99 of each page beside those of GET /livez (the same server and \
            middleware, no work) and says whether each p99 meets the goal. Exits 1 when a page fails or misses the goal.
            """)

    @Option(help: "Residents of the generated city.") var residents = 1_000_000
    @Option(help: "Timed fetches of each page (after one warm-up).") var runs = 50
    @Option(help: "Scratch directory (default: a new folder under /tmp, removed afterwards). An existing demo city there is reused.")
    var workDir: String?
    @Option(help: "Port for the in-process server.") var port = 28_766
    @Option(help: "The goal for each page's p99, in milliseconds.") var goalMs = 300.0

    /// The staff search for the commonest surname (张): city-wide for the command centre, a grid's
    /// residents for its worker.
    static let search = "/search?q=%E5%BC%A0"

    /// The staff list pages of each demo role (`{area}` is the account's jurisdiction).
    static let pages: [(user: String, paths: [String])] = [
        ("command", ["/", "/areas/{area}", "/cases", "/grid", "/grid/quarantine", "/reports", "/appeals", "/overrides", "/risk-areas", "/disclosures", "/rosters", "/assignments", Self.search]),
        ("epi", ["/", "/cases", "/disclosures", "/risk-areas", "/overrides", "/appeals"]),
        ("district", ["/", "/areas/{area}", Self.search, "/grid", "/grid/quarantine", "/reports", "/overrides", "/appeals", "/assignments", "/rosters"]),
        ("street", ["/", "/areas/{area}", "/grid", "/grid/quarantine", "/reports", "/appeals"]),
        ("community", ["/", "/areas/{area}", "/grid", "/grid/quarantine", "/reports", "/rosters"]),
        ("grid", ["/", "/areas/{area}", Self.search, "/grid", "/grid/quarantine", "/reports"]),
        ("checkpoint", ["/", "/checkpoint"]),
    ]

    func run() async throws {
        guard runs >= 2 else { throw ValidationError("--runs must be at least 2") }
        let dir = URL(fileURLWithPath: workDir ?? NSTemporaryDirectory() + "cordon-bench-pages-\(ProcessInfo.processInfo.processIdentifier)")
        defer { if workDir == nil { try? FileManager.default.removeItem(at: dir) } }
        var logger = Logger(label: "cordon-bench")
        // The server is stopped by cancelling it when the timing is done: its complaints are expected.
        logger.logLevel = .critical
        let settings = try CordonSettings.resolve(dataDirectory: dir.path, databaseURL: nil, host: "127.0.0.1", port: port, maxIngestRecords: nil)
        var failures = 0
        try await CordonServices.withOpen(settings, logger: logger) { services in
            let accounts: [DemoLoader.DemoAccount]
            if let data = try? Data(contentsOf: services.settings.demoAccountsFile) {
                accounts = try JSONDecoder().decode([DemoLoader.DemoAccount].self, from: data)
                print("reusing the demo city in \(dir.path)")
            } else {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                accounts = try await DemoRunner.run(services: services, residents: residents, seed: 2020)  // writes demo-accounts.json
            }
            var tokens: [String: (token: String, area: String)] = [:]
            for demo in accounts where demo.password != nil {
                guard let account = try await services.store.account(username: demo.username) else { continue }
                tokens[demo.username] = (try await services.accounts.createToken(for: account, label: "bench pages", actor: "cli:bench"), demo.jurisdiction ?? "")
            }
            let app = try await buildApplication(services: services, backgroundLoops: false)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService() }
                try await waitUntilServing()
                let anchor = try await time("/livez", token: nil)
                print(row("role", "page", "median ms", "p99 ms", "p99 × livez", "kB"))
                print(row("anyone", "/livez", f(anchor.median), f(anchor.p99), "1.0", f(Double(anchor.bytes) / 1000, 1)))
                for (user, paths) in Self.pages {
                    guard let (token, area) = tokens[user] else { continue }
                    for template in paths {
                        let path = template.replacingOccurrences(of: "{area}", with: area)
                        do {
                            let t = try await time(path, token: token)
                            let met = t.p99 <= goalMs
                            if !met { failures += 1 }
                            print(
                                row(user, path, f(t.median), f(t.p99), f(t.p99 / max(anchor.p99, 0.001), 1), f(Double(t.bytes) / 1000, 1))
                                    + (met ? "" : "  (p99 goal ≤ \(Int(goalMs)) ms: NOT met)"))
                        } catch {
                            failures += 1
                            print("\(user) \(path): \(error)")
                        }
                    }
                }
                group.cancelAll()
            }
        }
        print(failures == 0 ? "every page met p99 ≤ \(Int(goalMs)) ms" : "\(failures) pages failed or missed the goal")
        if failures > 0 { throw ExitCode(1) }
    }

    func row(_ cells: String...) -> String {
        zip(cells, [11, 24, 10, 10, 12, 10]).map { cell, width in cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count) }
            .joined()
    }

    func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

    struct Timing {
        var median: Double
        var p99: Double
        var bytes: Int
    }

    /// One warm-up, then `runs` fetches one after another; milliseconds.
    func time(_ path: String, token: String?) async throws -> Timing {
        let bytes = try await fetch(path, token: token).count
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            _ = try await fetch(path, token: token)
            let d = ContinuousClock.now - start
            times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        times.sort()
        let p99 = times[min(times.count - 1, Int((Double(times.count) * 0.99).rounded(.up)) - 1)]
        return Timing(median: times[times.count / 2], p99: p99, bytes: bytes)
    }

    func waitUntilServing() async throws {
        for _ in 0..<400 {
            if (try? await fetch("/livez", token: nil)) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ValidationError("the server did not start on port \(port)")
    }

    func fetch(_ path: String, token: String?) async throws -> Data {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw ValidationError("bad path \(path)") }
        var request = URLRequest(url: url)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.setValue("zh-CN", forHTTPHeaderField: "Accept-Language")
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw ValidationError("\(path) answered \(status)") }
        return data
    }
}
