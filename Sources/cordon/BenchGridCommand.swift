import App
import ArgumentParser
import Domain
import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cordon bench grid`: a province's grids (Zhejiang: 85,000) with a day of daily and zero
/// reports; the district completeness page fetched over HTTP from the real server, as an officer's
/// browser does. Goal (issue 6): under 200 ms.
struct BenchGridCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid",
        abstract: "Time the report-completeness page of a district over HTTP with 85,000 grids and a day of reports (goal < 200 ms).",
        discussion: """
            Builds city → 10 districts → 10 streets each → 20 communities each → grids (--grids in all) in a fresh SQLite store \
            in --work-dir, submits today's reports for 90% of the grids (5% of them zero reports, 5% late) and leaves the rest \
            missing, starts `cordon serve` in this process and fetches /reports?area=DISTRICT as the district officer --runs times. \
            Prints the median and the slowest, and the same for the whole city's page.
            """)

    @Option(help: "Grids in the province.") var grids = 85_000
    @Option(help: "Page fetches to time for each page.") var runs = 20
    @Option(help: "Scratch directory (default: a new folder under /tmp, removed afterwards).") var workDir: String?
    @Option(help: "Port for the in-process server.") var port = 28_765

    func run() async throws {
        guard grids >= 2_000 else { throw ValidationError("--grids must be at least 2,000 (one per community)") }
        let dir = URL(fileURLWithPath: workDir ?? NSTemporaryDirectory() + "cordon-bench-grid-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        defer { if workDir == nil { try? FileManager.default.removeItem(at: dir) } }
        var logger = Logger(label: "cordon-bench")
        // The server is stopped by cancelling it when the timing is done: its complaints are expected.
        logger.logLevel = .critical
        try await CordonServices.withOpen(
            CordonSettings.resolve(dataDirectory: dir.path, databaseURL: nil, host: "127.0.0.1", port: port, maxIngestRecords: nil), logger: logger
        ) { services in
            // The area tree.
            let clock = ContinuousClock()
            var areas = [Area(id: "BENCH", name: "演示省 Bench province", level: .city, parentID: nil, path: "/BENCH/")]
            var gridAreas: [Area] = []
            let communities = 10 * 10 * 20
            for d in 0..<10 {
                let district = Area(id: "D\(d)", name: "区 \(d)", level: .district, parentID: "BENCH", path: "/BENCH/D\(d)/")
                areas.append(district)
                for s in 0..<10 {
                    let street = Area(id: "D\(d)S\(s)", name: "街道 \(d)-\(s)", level: .street, parentID: district.id, path: district.path + "D\(d)S\(s)/")
                    areas.append(street)
                    for c in 0..<20 {
                        let n = (d * 10 + s) * 20 + c
                        let community = Area(id: street.id + "C\(c)", name: "社区 \(d)-\(s)-\(c)", level: .community, parentID: street.id, path: street.path + street.id + "C\(c)/")
                        areas.append(community)
                        let count = grids / communities + (n < grids % communities ? 1 : 0)
                        for g in 0..<count {
                            gridAreas.append(Area(id: community.id + "G\(g)", name: "网格 \(g + 1)", level: .grid, parentID: community.id, path: community.path + community.id + "G\(g)/"))
                        }
                    }
                }
            }
            areas += gridAreas
            let load = try await clock.measure {
                _ = try await services.store.insertAreas(areas, audit: services.clock.event("cli:bench", .bench("areas"), detail: "\(areas.count) areas"))
            }
            print("areas: \(areas.count) (\(gridAreas.count) grids) in \(String(format: "%.1f", seconds(load))) s")

            // A day of reports: 90% submitted (1 in 18 of them zero, 1 in 18 late), 10% missing.
            let day = services.reports.today()
            let now = services.clock.now()
            var reports: [DailyReport] = []
            for (i, grid) in gridAreas.enumerated() where i % 10 != 9 {
                let zero = i % 18 == 0
                reports.append(
                    DailyReport(
                        gridID: grid.id, gridPath: grid.path, day: day, figures: zero ? ReportFigures() : ReportFigures(householdsScreened: i % 40, tasksDone: i % 3),
                        zero: zero, submittedBy: "bench", submittedAt: now, late: i % 18 == 1))
            }
            let write = try await clock.measure {
                try await services.store.saveDailyReports(reports, audit: services.clock.event("cli:bench", .bench("reports"), detail: "\(reports.count) reports"))
            }
            print("reports: \(reports.count) of \(gridAreas.count) grids in \(String(format: "%.1f", seconds(write))) s")

            let accounts = services.accounts
            let officer = try await accounts.createStaff(
                username: "bench-district", displayName: "Bench district officer", role: .districtOfficer, jurisdictionID: "D0", password: nil, actor: "cli:bench")
            let command = try await accounts.createStaff(
                username: "bench-command", displayName: "Bench command centre", role: .commandCentre, jurisdictionID: "BENCH", password: nil, actor: "cli:bench")
            let officerToken = try await accounts.createToken(for: officer, label: "bench", actor: "cli:bench")
            let commandToken = try await accounts.createToken(for: command, label: "bench", actor: "cli:bench")

            let app = try await buildApplication(services: services)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService() }
                try await waitUntilServing()
                let district = gridAreas.filter { $0.path.hasPrefix("/BENCH/D0/") }.count
                try await timePage("district page (/reports?area=D0, \(district) grids)", path: "/reports?area=D0", token: officerToken, goal: 0.2)
                try await timePage("city page (/reports?area=BENCH, \(gridAreas.count) grids)", path: "/reports?area=BENCH", token: commandToken, goal: nil)
                try await timePage("district CSV (/reports/completeness.csv?area=D0)", path: "/reports/completeness.csv?area=D0", token: officerToken, goal: nil)
                group.cancelAll()
            }
        }
    }

    func waitUntilServing() async throws {
        for _ in 0..<200 {
            if (try? await fetch("/livez", token: nil)) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ValidationError("the server did not start on port \(port)")
    }

    func timePage(_ label: String, path: String, token: String, goal: Double?) async throws {
        let first = try await fetch(path, token: token)
        guard first.contains("completeness") || first.contains("完成情况") || first.hasPrefix("day,") else {
            throw ValidationError("\(path) did not return the completeness page")
        }
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            _ = try await fetch(path, token: token)
            times.append(seconds(ContinuousClock.now - start))
        }
        times.sort()
        let median = times[times.count / 2], worst = times[times.count - 1]
        let verdict = goal.map { median < $0 ? "  (goal < \(Int($0 * 1000)) ms: met)" : "  (goal < \(Int($0 * 1000)) ms: NOT met)" } ?? ""
        print(String(format: "%@: median %.1f ms, slowest %.1f ms, %d bytes%@", label, median * 1000, worst * 1000, first.utf8.count, verdict))
    }

    func fetch(_ path: String, token: String?) async throws -> String {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw ValidationError("bad path \(path)") }
        var request = URLRequest(url: url)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.setValue("zh-CN", forHTTPHeaderField: "Accept-Language")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw ValidationError("\(path) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
