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
    let disclosures: DisclosureService
    let dashboard: DashboardService
    let staff: StaffAdministration
    let profiles: ProfileStore
    let maskRounds: MaskRoundService
    let ledger: DonationLedgerService
    let shipments: SupplyShipmentService

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
        var accounts = try await createAccounts(city.accountPlans, actor: actor)
        // The enterprise's accounts come with the enterprise and its approval.
        accounts += try await loadEnterprise(city.accountPlans.filter(\.role.isEnterprise), actor: actor)
        accounts += try await loadSupplies(city.accountPlans, actor: actor)
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
        // The outbreak so far: weeks of confirmed cases with the onsets an epidemiologist recorded.
        let earlier = feeds.earlierCases()
        _ = try await store.insertLabResults(earlier.map(\.lab), audit: clock.event(actor, .demo("labs"), detail: "\(earlier.count) earlier cases"))
        for c in earlier {
            let record = CaseRecord(person: c.lab.person, status: .confirmed, onset: c.onset, updatedBy: actor, updatedAt: c.lab.sampledAt.addingTimeInterval(3_600))
            try await store.saveCaseRecord(record, audit: clock.event(actor, .demo("case"), kind: "person", id: c.lab.person))
        }
        logger.info("demo feeds: \(total) presence events over \(feeds.days) days, \(arrivals.count) arrivals, \(labs.count + earlier.count) lab results")
        // The demo's cases are traced and everyone concerned gets a status, as an import would do.
        guard statuses else { return }
        let positives = Set((labs + earlier.map(\.lab)).filter { $0.result == .positive }.map(\.person)).sorted()
        for person in positives { try await cases.caseChanged(person, actor: actor) }
        try await self.statuses.refresh(Array(Set(arrivals.map(\.person) + labs.map(\.person) + earlier.map(\.lab.person))).sorted())
        try await loadGridWork(actor: actor)
        try await publish(actor: actor)
        // The checkpoints' last day, as their tally would have counted it.
        try await store.addCheckpointScans(feeds.checkpointTallies(until: clock.now()))
        try await replayColours()
    }

    /// The colours of the weeks before today for the city and its districts, as the keeper would
    /// have stored them (see `DemoColourHistory`).
    private func replayColours() async throws {
        guard let city = try await store.children(of: nil).first else { return }
        var days: [ColourDaySnapshot] = []
        for area in [city] + (try await store.children(of: city.id)) {
            days += DemoColourHistory.days(before: try await dashboard.compute(area), areaID: area.id)
        }
        try await store.saveColourDays(days)
    }

    /// What the public pages show on the first start: the disclosures of the cases confirmed before
    /// yesterday approved (yesterday's wait in the epidemiologist's queue), two notices and a
    /// rumour rebuttal.
    private func publish(actor: String) async throws {
        guard let city = try await store.children(of: nil).first else { return }
        try await disclosures.draftNew()
        let reviewer = Principal(subject: .staff(accountID: actor), role: .epidemiologist, displayName: "demo", jurisdictionID: city.id, jurisdictionPath: city.path)
        let yesterday = CalendarDate(daysSinceEpoch: reports.today().daysSinceEpoch - 1)
        let drafts = try await store.disclosures(state: .draft, within: .everywhere, limit: 10_000).page
        var approved = 0
        for draft in drafts where draft.confirmedOn < yesterday {
            if try await disclosures.approve(draft.id, as: reviewer) { approved += 1 }
        }
        let now = clock.now()
        let posts = [
            PublicPost(
                id: "demo-notice-1", kind: .notice,
                title: .init(zh: "关于加强小区封闭式管理的通告", en: "Notice: residential compounds are managed as closed compounds"),
                body: .init(
                    zh: "即日起，全市小区实行封闭式管理，出入口设卡口，居民凭健康码绿码出入，外来车辆和人员一律不得进入。",
                    en: "From today every residential compound is closed: residents pass its checkpoint with a green health code; visitors and outside vehicles may not enter."),
                publishedAt: now.addingTimeInterval(-9 * 86_400), author: actor),
            PublicPost(
                id: "demo-notice-2", kind: .notice,
                title: .init(zh: "口罩预约购买办法", en: "How to reserve masks"),
                body: .init(
                    zh: "居民可凭身份证在指定药店预约购买口罩，每人每次限购 5 只；预约结果公开可查。",
                    en: "Residents reserve masks at the listed pharmacies with their identity card, five per person each time; the results of every draw are public."),
                publishedAt: now.addingTimeInterval(-4 * 86_400), author: actor),
            PublicPost(
                id: "demo-rebuttal-1", kind: .rebuttal,
                title: .init(zh: "“喝高度白酒可以预防新冠肺炎”？", en: "\"Strong liquor prevents the disease\"?"),
                body: .init(
                    zh: "不能。饮酒不能杀灭体内病毒，过量饮酒反而损害健康。预防请戴口罩、勤洗手、少聚集。",
                    en: "No. Drinking does not kill the virus in the body, and drinking a lot harms health. Wear a mask, wash your hands and avoid gatherings."),
                verdict: "false", sources: ["国家卫生健康委员会"], publishedAt: now.addingTimeInterval(-2 * 86_400), author: actor),
        ]
        for post in posts {
            try await store.savePost(post, audit: clock.event(actor, .publish(post.kind.rawValue), kind: "post", id: post.id, detail: post.title.zh))
        }
        logger.info("demo publication: \(approved) of \(drafts.count) case disclosures approved, \(posts.count) posts")

        // A directive from the command centre to every district and street, the first district's acknowledged.
        let directive = Directive(
            id: "DIR-demo-1", text: "请在 6 小时内完成辖区内所有小区出入口卡口设置和值守排班，并上报缺口。", sender: actor, senderName: "市疫情防控指挥部",
            areaID: city.id, areaPath: city.path, downTo: .street, deadline: now.addingTimeInterval(6 * 3_600), gridTasks: false, createdAt: now.addingTimeInterval(-3_600))
        _ = try await store.sendDirective(
            directive, levels: [.district, .street], tasks: [], audit: clock.event(actor, .directiveSend, kind: "directive", id: directive.id))
        if let district = try await store.children(of: city.id).first {
            _ = try await store.acknowledgeDirective(
                id: directive.id, areaID: district.id, by: actor, at: now, audit: clock.event(actor, .directiveAcknowledge, kind: "directive", id: directive.id, detail: district.id))
        }
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
        for plan in plans where !plan.role.actsForOrganisation {
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
