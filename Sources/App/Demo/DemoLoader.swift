import DemoCity
import Domain
import Foundation
import Logging
import Privacy

/// Loads a generated demo city into the store and creates one sign-in per role, written to
/// `DATA_DIR/demo-accounts.json` (mode 0600) and returned for printing.
public struct DemoLoader: Sendable {
    let store: any CordonStore
    let vault: PersonalDataVault
    let settings: CordonSettings
    let clock: WallClock
    let logger: Logger
    let accounts: AccountService
    let cases: CaseService
    let reports: DailyReportService
    let tasks: GridTaskService
    let statuses: StatusService

    /// A demo sign-in as written to demo-accounts.json.
    public struct DemoAccount: Codable, Sendable, Equatable {
        public var role: String
        public var username: String
        public var password: String?
        public var token: String?
        public var phone: String?
        public var jurisdiction: String?
        public var residentID: String?
        public var note: String?
    }

    public enum DemoError: Error, CustomStringConvertible {
        case notEmpty(String)
        public var description: String {
            switch self {
            case .notEmpty(let where_): "\(where_) already holds a city; give a new --data-dir (or drop the database) for a demo"
            }
        }
    }

    /// True when the store holds no areas yet.
    public func storeIsEmpty() async throws -> Bool {
        try await store.children(of: nil).isEmpty
    }

    /// `statuses: false` skips tracing the demo cases and computing statuses (tests that do not need them).
    public func load(spec: DemoCitySpec, statuses: Bool = true, progress: @escaping (Int, Int) -> Void = { _, _ in }) async throws -> [DemoAccount] {
        guard try await storeIsEmpty() else { throw DemoError.notEmpty(settings.databaseURL == nil ? settings.dataDirectory.path : "the database") }
        let city = DemoCity(spec: spec)
        let actor = "system:demo"
        _ = try await store.insertAreas(city.areas, audit: clock.event(actor, .demo("areas"), detail: "\(city.areas.count) areas"))
        _ = try await store.insertPlaces(city.places, audit: clock.event(actor, .demo("places"), detail: "\(city.places.count) places"))

        let directory = try await store.areaDirectory()
        var stream = ResidentStream(city: city)
        var pending: Task<Int, any Error>? = nil
        var done = 0
        try await store.beginResidentBulkLoad()
        // Sealing (AES-GCM + HMAC) of batch N+1 overlaps the database write of batch N.
        while let batch = stream.nextBatch(limit: 5000) {
            let sealed = try batch.map { try vault.seal($0, areaPath: directory[$0.areaID ?? ""]?.path ?? "/") }
            if let pending { done += try await pending.value }
            progress(done, stream.total)
            let event = clock.event(actor, .demo("residents"), detail: "\(sealed.count) residents")
            pending = Task { try await store.insertResidents(sealed, audit: event) }
        }
        if let pending { done += try await pending.value }
        try await store.endResidentBulkLoad()
        progress(done, stream.total)

        try await store.addDependant(
            ResidentStream.demoDependantID, proxy: ResidentStream.demoProxyID,
            audit: clock.event(actor, .proxyLink, kind: "person", id: ResidentStream.demoDependantID))
        try await loadFeeds(DemoFeeds(city: city), actor: actor, statuses: statuses)
        let accounts = try await createAccounts(city.accountPlans, actor: actor)
        try write(accounts)
        return accounts
    }

    /// Fourteen days of presence, the arrivals and the lab results (a few cases to trace).
    private func loadFeeds(_ feeds: DemoFeeds, actor: String, statuses: Bool) async throws {
        var total = 0
        for day in 0..<feeds.days {
            let events = feeds.presence(day: day)
            var start = 0
            while start < events.count {
                let batch = Array(events[start..<min(events.count, start + 20_000)])
                total += try await store.insertPresence(batch, audit: clock.event(actor, .demo("presence"), detail: "\(batch.count) events of day \(day + 1)"))
                start += batch.count
            }
        }
        let arrivals = feeds.arrivals()
        _ = try await store.insertArrivals(arrivals, audit: clock.event(actor, .demo("arrivals"), detail: "\(arrivals.count) arrivals"))
        let labs = feeds.labResults()
        _ = try await store.insertLabResults(labs, audit: clock.event(actor, .demo("labs"), detail: "\(labs.count) results"))
        logger.info("demo feeds: \(total) presence events over \(feeds.days) days, \(arrivals.count) arrivals, \(labs.count) lab results")
        // The demo's cases are traced and everyone concerned gets a status, as an import would do.
        guard statuses else { return }
        for person in Set(labs.filter { $0.result == .positive }.map(\.person)).sorted() { try await cases.caseChanged(person, actor: actor) }
        try await self.statuses.refresh(Array(Set(arrivals.map(\.person) + labs.map(\.person))).sorted())
        try await loadGridWork(actor: actor)
    }

    /// The grid's day so far: the rules' tasks, today's reports from every other grid (some zero),
    /// and checkpoint shifts that leave a gap tonight, so every grid page has something to show.
    private func loadGridWork(actor: String) async throws {
        let tasks = try await self.tasks.generate()
        let now = clock.now()
        let day = self.reports.today()
        let grids = try await store.grids(within: "/")
        let reports = grids.enumerated().filter { $0.offset % 2 == 0 }.map { i, g in
            DailyReport(
                gridID: g.id, gridPath: g.path, day: day, figures: i % 4 == 0 ? ReportFigures() : ReportFigures(householdsScreened: 12 + i % 7, tasksDone: 2),
                // A demo made after the cut-off sent its reports late, as anyone else would have.
                zero: i % 4 == 0, submittedBy: actor, submittedAt: now, late: self.reports.isLate(now, for: day))
        }
        if !reports.isEmpty { try await store.saveDailyReports(reports, audit: clock.event(actor, .demo("reports"), detail: "\(reports.count) reports")) }
        var shifts = 0
        for (id, kind) in try await store.placeKinds().sorted(by: { $0.key < $1.key }) where kind == .checkpoint {
            for (from, to, staff) in [(-2.0, 6.0, ["值守 A", "值守 B"]), (6.0, 14.0, ["值守 C"])] {
                let shift = DutyShift(
                    id: "S-demo-\(id)-\(Int(from))", place: id, startsAt: now.addingTimeInterval(from * 3600), endsAt: now.addingTimeInterval(to * 3600), staff: staff)
                try await store.saveShift(shift, audit: clock.event(actor, .rosterPlan, kind: "place", id: id, detail: shift.id))
                shifts += 1
            }
        }
        logger.info("demo grid work: \(tasks.count) tasks, \(reports.count) of \(grids.count) grids reported, \(shifts) shifts")
    }

    private func createAccounts(_ plans: [DemoAccountPlan], actor: String) async throws -> [DemoAccount] {
        var result: [DemoAccount] = []
        for plan in plans {
            if let residentID = plan.residentID {
                let phone = residentID == ResidentStream.demoProxyID ? ResidentStream.phone(for: 1) : ResidentStream.phone(for: 3)
                result.append(
                    DemoAccount(
                        role: plan.role.rawValue, username: plan.username, phone: phone, residentID: residentID,
                        note: plan.role == .proxy ? "holds the code of \(ResidentStream.demoDependantID) (82, no phone)" : "sign in with phone + SMS code (printed in the server log)"))
                continue
            }
            guard let jurisdiction = plan.jurisdictionID else { continue }
            if plan.role == .dataFeed {
                let account = try await accounts.createStaff(
                    username: plan.username, displayName: plan.displayName, role: plan.role, jurisdictionID: jurisdiction, password: nil, actor: actor)
                let token = try await accounts.createToken(for: account, label: "demo feed", actor: actor)
                result.append(DemoAccount(role: plan.role.rawValue, username: plan.username, token: token, jurisdiction: jurisdiction, note: "bearer token for POST /api/v1/ingest/KIND"))
                continue
            }
            let password = SecretToken.generate().prefix(12).description
            // Grid workers get a work phone their residents see (199…: no demo resident's prefix).
            let workPhone = plan.role == .gridWorker ? "1990000" + String(format: "%04d", result.count) : nil
            try await accounts.createStaff(
                username: plan.username, displayName: plan.displayName, role: plan.role, jurisdictionID: jurisdiction, password: password,
                workPhone: workPhone, actor: actor)
            result.append(DemoAccount(role: plan.role.rawValue, username: plan.username, password: password, jurisdiction: jurisdiction))
        }
        return result
    }

    private func write(_ accounts: [DemoAccount]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(accounts)
        let file = settings.demoAccountsFile
        try? FileManager.default.removeItem(at: file)
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission)
        }
    }
}
