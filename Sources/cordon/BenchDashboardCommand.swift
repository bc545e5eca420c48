import App
import ArgumentParser
import DemoCity
import Domain
import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cordon bench dashboard`: the command centre's dashboard of a 1M city against one COUNT(*) of its
/// residents in the same store (issue 18: goal ≤ 2×, and under 200 ms).
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Time the city dashboard document against one COUNT(*) over the residents, in the same store (goal ≤ 2× the count, < 200 ms).",
        discussion: """
            Generates the demo city with --residents people in a fresh store (SQLite in --work-dir, or the PostgreSQL database \
            of --database-url, which must be empty), gives 1 in 50 of them a red or yellow status for one of the reasons the \
            dashboard counts, then times, --runs times each: (1) the anchor, `SELECT count(*)` over the city's residents; \
            (2) the dashboard document computed from the store (every tile, one read); (3) /dashboard/data fetched over HTTP \
            from the real server as the command centre's screens poll it (served from the few-second cache). Prints medians \
            and the ratio of (2) to (1).
            """)

    @Option(help: "Residents of the demo city.") var residents = 1_000_000
    @Option(help: "Timed runs of each measurement.") var runs = 20
    @Option(help: "PostgreSQL URL of an empty database (default: SQLite in --work-dir).") var databaseURL: String?
    @Option(help: "Scratch directory (default: a new folder under /tmp, removed afterwards).") var workDir: String?
    @Option(help: "Port for the in-process server.") var port = 28_766

    func run() async throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        let dir = URL(fileURLWithPath: workDir ?? NSTemporaryDirectory() + "cordon-bench-dashboard-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        defer { if workDir == nil { try? FileManager.default.removeItem(at: dir) } }
        var logger = Logger(label: "cordon-bench")
        logger.logLevel = .critical
        let settings = CordonSettings.resolve(dataDirectory: dir.path, databaseURL: databaseURL, host: "127.0.0.1", port: port, maxIngestRecords: nil)
        try await CordonServices.withOpen(settings, logger: logger) { services in
            let clock = ContinuousClock()
            let store = services.store
            let today = CalendarDate(localDayOf: services.clock.now(), offsetMinutes: services.profiles.profile.colours.dayOffsetMinutes)
            let bar = ProgressBar("demo city")
            let made = try await clock.measure {
                _ = try await services.demo.load(spec: DemoCitySpec(residents: residents, seed: 2020, today: today)) { done, total in bar.update(done: done, total: total) }
            }
            bar.finish()
            print(String(format: "demo city: %d residents on %@ in %.1f s", residents, store.backendName, seconds(made)))

            // 1 in 50 residents red or yellow, for each reason the dashboard counts, ending over the next days.
            let now = services.clock.now()
            let rules = ["contact.close", "contact.household", "contact.secondary", "arrival.high-risk", "symptoms"]
            var after: String?
            var statuses: [HealthStatus] = []
            var n = 0
            while true {
                let page = try await store.residentHouseholds(after: after, limit: 50_000)
                guard let last = page.last else { break }
                after = last.resident
                for row in page {
                    n += 1
                    guard n % 50 == 0 else { continue }
                    let rule = rules[(n / 50) % rules.count]
                    let colour: HealthColour = rule.hasPrefix("contact.c") || rule.hasPrefix("contact.h") ? .red : .yellow
                    let until = now.addingTimeInterval(Double((n / 50) % 14) * 86_400 + 3_600)
                    statuses.append(
                        HealthStatus(
                            person: row.resident, colour: colour, reasons: [StatusReason(rule: rule, colour: colour, facts: [:], until: until)], until: until,
                            actions: [], profileVersion: 1, computedAt: now))
                }
            }
            for chunk in stride(from: 0, to: statuses.count, by: 2_000) { try await store.saveStatuses(Array(statuses[chunk..<min(statuses.count, chunk + 2_000)])) }
            print("statuses: \(statuses.count) red or yellow written")

            guard let city = try await store.children(of: nil).first else { throw ValidationError("the demo city has no areas") }
            // Warm both (page cache, the public risk-area list the dashboard filters), then time.
            let counted = try await store.residentCount(within: city.path)
            let board = try await services.dashboard.compute(city)
            guard counted == residents, board.residents == residents else {
                throw ValidationError("counted \(counted) residents, the dashboard \(board.residents); expected \(residents)")
            }
            let count = try await median { _ = try await store.residentCount(within: city.path) }
            let compute = try await median { _ = try await services.dashboard.compute(city) }
            print(String(format: "anchor, COUNT(*) over %d residents : median %.1f ms", residents, count * 1000))
            print(String(format: "dashboard computed from the store     : median %.1f ms (%d red, %d yellow, %d cases in 14 days, %d areas below)",
                compute * 1000, board.colours.red, board.colours.yellow, board.cases.last14Days, board.children.count))
            let ratio = compute / count
            print(String(format: "ratio dashboard / COUNT(*)            : %.2f× (goal ≤ 2×: %@); under 200 ms: %@",
                ratio, ratio <= 2 ? "met" : "NOT met", compute < 0.2 ? "met" : "NOT met"))

            // As the screens poll it: over HTTP, signed in as the command centre.
            let command = try await services.accounts.createStaff(
                username: "bench-command", displayName: "Bench command centre", role: .commandCentre, jurisdictionID: city.id, password: nil, actor: "cli:bench")
            let token = try await services.accounts.createToken(for: command, label: "bench", actor: "cli:bench")
            let app = try await buildApplication(services: services, backgroundLoops: false)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService() }
                try await waitUntilServing()
                let bytes = try await fetch("/dashboard/data", token: token).count
                let served = try await median { _ = try await fetch("/dashboard/data", token: token) }
                print(String(format: "/dashboard/data over HTTP (polled)    : median %.1f ms, %d bytes", served * 1000, bytes))
                group.cancelAll()
            }
        }
    }

    func median(_ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await body()
            times.append(seconds(ContinuousClock.now - start))
        }
        return times.sorted()[times.count / 2]
    }

    func waitUntilServing() async throws {
        for _ in 0..<200 {
            if (try? await fetch("/livez", token: nil)) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ValidationError("the server did not start on port \(port)")
    }

    func fetch(_ path: String, token: String?) async throws -> Data {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw ValidationError("bad path \(path)") }
        var request = URLRequest(url: url)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw ValidationError("\(path) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return data
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
