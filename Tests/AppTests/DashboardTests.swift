import App
import Domain
import Foundation
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// The command centre's dashboard: every figure against a city made by hand, the drill-down and
/// who may see which area.
@Suite("Command dashboard")
struct DashboardTests {
    static let more = """
        {"id":"R3","name":"王五","idType":"resident-id","idNumber":"\(ImportedCity.idNumber("33010219850303345"))","sex":"male","birthDate":"1985-03-03","phone":"13800000003","household":"H3","area":"G-DP-1"}
        {"id":"R4","name":"赵六","idType":"resident-id","idNumber":"\(ImportedCity.idNumber("33010219860404456"))","sex":"female","birthDate":"1986-04-04","phone":"13800000004","household":"H4","area":"G-DP-2"}
        {"id":"R5","name":"钱七","idType":"resident-id","idNumber":"\(ImportedCity.idNumber("33010619870505567"))","sex":"male","birthDate":"1987-05-05","phone":"13800000005","household":"H5","area":"G-BS-1"}
        {"id":"R6","name":"孙八","idType":"resident-id","idNumber":"\(ImportedCity.idNumber("33010219880606678"))","sex":"female","birthDate":"1988-06-06","phone":"13800000006","household":"H6","area":"G-DP-2"}
        """
    /// A third district, with its outline for the map (it has nobody living in it yet).
    static let outlines = """
        {"id":"330105","name":"拱墅区","level":"district","parent":"3301","geometry":{"type":"Polygon","coordinates":[[[120.10,30.28],[120.19,30.28],[120.19,30.32],[120.10,30.32],[120.10,30.28]]]}}
        """
    static let checkpoint = #"{"id":"CK-1","kind":"checkpoint","name":"东坡卡口","area":"G-DP-1","lat":30.256,"lon":120.166}"#

    /// The hand-made city: six residents, three cases and a discarded one, colours for four reasons
    /// (one expired), tasks, reports, scans and messages, each figure known in advance.
    static func city(_ backend: Backend) async throws -> ImportedCity {
        let city = try await ImportedCity.make(backend)
        let s = city.services
        for (kind, text) in [(ImportKind.residents, more), (.areas, outlines), (.places, checkpoint)] {
            let report = try await s.imports.run(kind, reader: RecordReader(bytes: Array(text.utf8)), actor: "cli:test", source: "more.ndjson")
            guard report.problems.isEmpty else { throw TestSupportError("\(kind): \(report.problems)") }
        }
        let now = s.clock.now()
        let window = DashboardWindow(now: now, dayOffsetMinutes: s.profiles.profile.colours.dayOffsetMinutes)
        let day: TimeInterval = 86_400
        let audit = AuditEvent(at: now, actor: "test", action: "case.update")
        // Cases: R1 PCR today (confirmed, new); R5 antigen 3 days ago (suspected); R2 confirmed by an
        // epidemiologist 18 days ago with onset 20 days ago (no lab); R6 positive today but discarded.
        _ = try await s.store.insertLabResults(
            [
                LabResult(id: "L1", person: "R1", sampledAt: max(window.dayStart, now.addingTimeInterval(-600)), result: .positive),
                LabResult(id: "L5", person: "R5", sampledAt: window.dayStart.addingTimeInterval(-3 * day + 3_600), result: .positive, test: .antigen),
                LabResult(id: "L6", person: "R6", sampledAt: max(window.dayStart, now.addingTimeInterval(-600)), result: .positive),
                LabResult(id: "L3", person: "R3", sampledAt: now.addingTimeInterval(-day), result: .negative),
            ], audit: nil)
        try await s.store.saveCaseRecord(
            CaseRecord(person: "R2", status: .confirmed, onset: window.dayStart.addingTimeInterval(-20 * day + 3_600), updatedBy: "epi", updatedAt: window.dayStart.addingTimeInterval(-18 * day + 3_600)),
            audit: audit)
        try await s.store.saveCaseRecord(CaseRecord(person: "R6", status: .discarded, updatedBy: "epi", updatedAt: now), audit: audit)

        // Colours: R1 red (case); R3 red close contact ending today; R4 red household contact for 5
        // more days; R5 yellow arrival; R6 yellow for symptoms that ended an hour ago; R2 green.
        func status(_ person: String, _ colour: HealthColour, _ rule: String?, until: Date?) -> HealthStatus {
            HealthStatus(
                person: person, colour: colour, reasons: rule.map { [StatusReason(rule: $0, colour: colour, facts: [:], until: until)] } ?? [], until: until, actions: [],
                profileVersion: 1, computedAt: now)
        }
        try await s.store.saveStatuses([
            status("R1", .red, "case.confirmed", until: nil),
            status("R3", .red, "contact.close", until: window.dayEnd.addingTimeInterval(-1)),
            status("R4", .red, "contact.household", until: now.addingTimeInterval(5 * day)),
            status("R5", .yellow, "arrival.high-risk", until: now.addingTimeInterval(3 * day)),
            status("R6", .yellow, "symptoms", until: now.addingTimeInterval(-3_600)),
            status("R2", .green, nil, until: nil),
        ])

        // Tasks: in 东坡一网格 one overdue and escalated, one in progress on time; a done one in 宝石.
        let paths = try await s.store.areaDirectory()
        func task(_ id: String, grid: String, due: Date, state: TaskState, escalation: Int) -> GridTask {
            GridTask(
                id: id, kind: .manual, factKey: "manual:\(id)", gridID: grid, gridPath: paths[grid]?.path ?? "", note: "check", createdAt: now.addingTimeInterval(-day),
                createdBy: "test", dueAt: due, state: state, escalation: escalation)
        }
        _ = try await s.store.insertTasks(
            [
                task("T1", grid: "G-DP-1", due: now.addingTimeInterval(-3_600), state: .open, escalation: 1),
                task("T2", grid: "G-DP-1", due: now.addingTimeInterval(3_600), state: .inProgress, escalation: 0),
                task("T3", grid: "G-BS-1", due: now.addingTimeInterval(-3_600), state: .done, escalation: 0),
            ], audit: nil)

        // Reports: 东坡一网格 with figures, 宝石一网格 a late zero report, 东坡二网格 missing.
        try await s.store.saveDailyReports(
            [
                DailyReport(
                    gridID: "G-DP-1", gridPath: paths["G-DP-1"]?.path ?? "", day: window.day, figures: ReportFigures(householdsScreened: 12, feversFound: 1),
                    zero: false, submittedBy: "w", submittedAt: now, late: false),
                DailyReport(gridID: "G-BS-1", gridPath: paths["G-BS-1"]?.path ?? "", day: window.day, figures: ReportFigures(), zero: true, submittedBy: "w", submittedAt: now, late: true),
            ], audit: audit)

        // Scans at the gate: 5 this hour (2 turned away), 7 thirty hours ago (outside the window),
        // and one more counted in memory at the gate (refused), written when the dashboard is read.
        let hour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        try await s.store.addCheckpointScans([
            CheckpointTally(place: "CK-1", hour: hour, scans: 5, refused: 2), CheckpointTally(place: "CK-1", hour: hour.addingTimeInterval(-30 * 3_600), scans: 7, refused: 0),
        ])
        s.scanTally.count(place: "CK-1", at: now, refused: true)

        // Messages today: one sent, one failed, one waiting.
        let messages = (1...3).map {
            OutboxMessage(
                id: "M\($0)", createdAt: now, channel: .sms, recipientSealed: Data([1]), recipientMasked: "138****000\($0)", kind: .colourChanged, body: "b",
                person: "R\($0)")
        }
        _ = try await s.store.enqueueAlerts(messages, window: 0, audit: nil)
        try await s.store.markSent(id: "M1", at: now, audit: audit)
        try await s.store.markFailed(id: "M2", attempts: 5, retryAt: nil, error: "gateway down", audit: audit)

        // Yesterday's colours as the keeper stored them, and a day too old for the chart.
        let yesterday = CalendarDate(daysSinceEpoch: window.day.daysSinceEpoch - 1)
        try await s.store.saveColourDays([
            ColourDaySnapshot(areaID: "3301", day: yesterday, red: 1, yellow: 0, green: 5),
            ColourDaySnapshot(areaID: "3301", day: CalendarDate(daysSinceEpoch: window.day.daysSinceEpoch - 40), red: 9, yellow: 9, green: 0),
        ])
        return city
    }

    @Test("every figure of the city's dashboard, and the same for each district below it", arguments: Backend.available)
    func figures(_ backend: Backend) async throws {
        let city = try await Self.city(backend)
        let s = city.services
        guard let hangzhou = try await s.store.area(id: "3301"), let xihu = try await s.store.area(id: "330106") else { throw TestSupportError("no areas") }
        let board = try await s.dashboard.compute(hangzhou)

        #expect(board.residents == 6)
        #expect(board.cases == Dashboard.Cases(newToday: 1, last14Days: 2, confirmed: 2, suspected: 1))
        #expect(board.colours.red == 3 && board.colours.yellow == 1 && board.colours.green == 2)
        #expect(board.colours.byCause == ["case": 1, "close-contact": 2, "arrival": 1])
        #expect(board.quarantine == Dashboard.Quarantine(today: 2, dueForRelease: 1))
        #expect(board.tasks == Dashboard.Tasks(open: 2, overdue: 1, escalated: 1))
        #expect(board.reports.grids == 3 && board.reports.submitted == 2 && board.reports.zero == 1 && board.reports.late == 1 && board.reports.missing == 1)
        #expect(board.reports.sums == ReportFigures(householdsScreened: 12, feversFound: 1))
        #expect(board.scans.hours.count == 24 && board.scans.total == 6 && board.scans.refused == 3)
        #expect(board.scans.hours.last?.scans == 6)
        #expect(board.notifications == Dashboard.Notifications(sent: 1, failed: 1, pending: 1))

        // The curve: by report date today, 3 and 18 days ago; by onset the confirmed case's 20 days ago.
        let today = CalendarDate(iso: board.day)?.daysSinceEpoch ?? 0
        func day(_ back: Int) -> Dashboard.CurveDay? { board.curve.first { $0.day == CalendarDate(daysSinceEpoch: today - back).description } }
        #expect(board.curve.count == 21 && board.curve.last?.day == board.day)
        #expect(day(0)?.byReport == 1 && day(0)?.byOnset == 1 && day(3)?.byReport == 1 && day(18)?.byReport == 1 && day(18)?.byOnset == 0 && day(20)?.byOnset == 1)
        #expect(board.curve.reduce(0) { $0 + $1.byReport } == 3 && board.curve.reduce(0) { $0 + $1.byOnset } == 3)
        #expect(board.colourHistory == [
            Dashboard.ColourDay(day: CalendarDate(daysSinceEpoch: today - 1).description, red: 1, yellow: 0), Dashboard.ColourDay(day: board.day, red: 3, yellow: 1),
        ])

        // Each district: 上城区 has R1, R3, R4, R6; 西湖区 R2 and R5.
        let shangcheng = board.children.first { $0.id == "330102" }
        let westLake = board.children.first { $0.id == "330106" }
        #expect(board.children.map(\.id) == ["330102", "330105", "330106"])
        #expect(board.children[1].residents == 0 && board.children[1].perTenThousand == nil)
        #expect(shangcheng?.residents == 4 && shangcheng?.red == 3 && shangcheng?.yellow == 0 && shangcheng?.perTenThousand == 7_500)
        #expect(shangcheng?.newCases == 1 && shangcheng?.cases14Days == 1 && shangcheng?.tasksOverdue == 1 && shangcheng?.grids == 2 && shangcheng?.reportsMissing == 1)
        #expect(westLake?.residents == 2 && westLake?.yellow == 1 && westLake?.perTenThousand == 5_000 && westLake?.cases14Days == 1 && westLake?.reportsMissing == 0)

        // Drilled down to 西湖区: its own figures only, no messages (they have no area).
        let district = try await s.dashboard.compute(xihu)
        #expect(district.residents == 2 && district.cases == Dashboard.Cases(newToday: 0, last14Days: 1, confirmed: 1, suspected: 1))
        #expect(district.colours.red == 0 && district.colours.yellow == 1 && district.colours.green == 1 && district.quarantine.today == 0)
        #expect(district.tasks == Dashboard.Tasks() && district.reports.grids == 1 && district.reports.zero == 1 && district.scans.total == 0)
        #expect(district.notifications == nil && district.children.map(\.id) == ["330106001"])
        // Risk areas are the public list's, only those inside the area.
        let listed = try await s.riskAreaList.current()
        #expect(board.riskAreas.map(\.id) == listed.map(\.id))
        #expect(!district.riskAreas.contains { $0.id == "CP-DP" || $0.id == "330102001001" })
        try await city.close()
    }

    @Test("the page and its JSON: figures in both languages, drill-down links, the map's outlines; officers see only their area", arguments: Backend.available)
    func pages(_ backend: Backend) async throws {
        let city = try await Self.city(backend)
        let s = city.services
        let cli = Principal.commandLine("ops")
        let command = try await s.staff.create(.init(username: "hq.chen", displayName: "陈指挥", role: "command-centre", area: "3301"), as: cli)
        let officer = try await s.staff.create(.init(username: "xihu.li", displayName: "李区", role: "district-officer", area: "330106"), as: cli)
        let worker = try await s.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: cli)
        try await city.test { client in
            let hq = try await client.signInFirstTime("hq.chen", oneTime: command.password, newPassword: "hq-chen-command-1")
            let zh = try await client.get("/dashboard", cookie: hq, language: "zh")
            #expect(zh.status == .ok && zh.text.contains("指挥大屏 · 杭州市") && zh.text.contains("今日新增") && zh.text.contains(#"data-figure="tasks.overdue">1<"#))
            #expect(zh.text.contains(#"href="/dashboard?area=330106">西湖区</a>"#) && zh.text.contains("7500.0") && zh.text.contains("密切接触者"))
            let en = try await client.get("/dashboard", cookie: hq, language: "en")
            #expect(en.text.contains("Command dashboard") && en.text.contains(#"data-figure="colours.red">3<"#) && en.text.contains("Due for release today"))
            let data = try await client.get("/dashboard/data?area=330102", cookie: hq)
            #expect(data.status == .ok && data.headers[.contentType] == "application/json")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let board = try decoder.decode(Dashboard.self, from: Data(data.text.utf8))
            #expect(board.area.id == "330102" && board.residents == 4 && board.colours.red == 3 && board.cases.newToday == 1)
            let outlines = try await client.get("/dashboard/areas.geojson", cookie: hq)
            #expect(outlines.status == .ok && outlines.text.contains(#""id":"330105""#) && outlines.text.contains(#""name":"拱墅区""#))
            let home = try await client.get("/", cookie: hq, language: "en")
            #expect(home.text.contains(#"href="/dashboard""#))

            // A district officer: their district by default, nothing above or beside it.
            let li = try await client.signInFirstTime("xihu.li", oneTime: officer.password, newPassword: "xihu-li-officer-1")
            let own = try await client.get("/dashboard", cookie: li, language: "zh")
            #expect(own.status == .ok && own.text.contains("指挥大屏 · 西湖区") && own.text.contains("北山街道"))
            #expect(try await client.get("/dashboard?area=330102", cookie: li).status == .forbidden)
            #expect(try await client.get("/dashboard/data?area=3301", cookie: li).status == .forbidden)
            #expect(try await client.get("/dashboard?area=nowhere", cookie: hq).status == .notFound)
            let grid = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            #expect(try await client.get("/dashboard", cookie: grid).status == .forbidden)
            #expect(try await !client.get("/", cookie: grid).text.contains(#"href="/dashboard""#))
        }
        try await city.close()
    }

    @Test("the demo city's dashboard shows its outbreak: a curve of weeks, colours over those weeks, every tile filled", arguments: Backend.available)
    func demoOutbreak(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 1500, statuses: true)
        let s = city.services
        let top = try #require(try await s.store.children(of: nil).first)
        let board = try await s.dashboard.compute(top)
        #expect(board.curve.count >= 14 && board.cases.confirmed > 0)
        #expect(board.colours.red > 0 && board.colours.yellow > 0 && board.quarantine.today > 0)
        #expect(board.colours.byCause["case"] == board.cases.confirmed + board.cases.suspected)
        #expect(board.scans.total > 0 && board.reports.submitted > 0 && board.tasks.open > 0)
        // The weeks before today are replayed from the cases: from the curve's first day, starting
        // below today's red, and each day adds up to the residents.
        let history = board.colourHistory
        #expect(history.count == board.curve.count && history.last?.day == board.day)
        #expect(history[0].red < board.colours.red)
        let stored = try await s.store.colourDays(area: top.id, since: CalendarDate(iso: history[0].day) ?? CalendarDate(daysSinceEpoch: 0))
        #expect(stored.allSatisfy { $0.red + $0.yellow + $0.green == board.residents })
        let district = try #require(try await s.store.children(of: top.id).first)
        #expect(try await s.dashboard.compute(district).colourHistory.count > 1)
        try await city.close()
    }
}
