import App
import Domain
import Foundation
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// The daily arrivals list: by day, region and area, in the officer's jurisdiction only, exported
/// as CSV, every read audited.
@Suite("Arrivals list")
struct ArrivalListTests {
    @Test("the day's arrivals by region and area, a grid worker's own grid only, CSV, a bad day named, reads audited", arguments: Backend.available)
    func arrivalsList(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let s = city.services
        let now = s.clock.now()
        let offset = s.profiles.profile.colours.dayOffsetMinutes
        let today = CalendarDate(localDayOf: now, offsetMinutes: offset)
        let start = LocalTime(offsetMinutes: offset).startOfDay(today)
        let earlier = max(start, now.addingTimeInterval(-600))
        let lines = [
            #"{"id":"A-1","person":"R1","from":"420100","arrivedAt":"\#(Timestamp.format(earlier))","mode":"rail","trip":"G1234"}"#,
            #"{"id":"A-2","person":"R2","from":"310100","arrivedAt":"\#(Timestamp.format(earlier))","mode":"road"}"#,
            #"{"id":"A-0","person":"R2","from":"420100","arrivedAt":"\#(Timestamp.format(start.addingTimeInterval(-86_400 + 60)))"}"#,
        ].joined(separator: "\n") + "\n"
        let report = try await s.imports.run(.arrivals, reader: RecordReader(bytes: Array(lines.utf8)), actor: "token:arrivals", source: "a.ndjson")
        #expect(report.problems.isEmpty)
        let cli = Principal.commandLine("ops")
        let command = try await s.staff.create(.init(username: "hq.chen", displayName: "陈指挥", role: "command-centre", area: "3301"), as: cli)
        let worker = try await s.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: cli)

        try await city.test { client in
            let hq = try await client.signInFirstTime("hq.chen", oneTime: command.password, newPassword: "hq-chen-command-1")
            let zh = try await client.get("/arrivals", cookie: hq, language: "zh")
            #expect(zh.status == .ok && zh.text.contains("来返人员名单 · \(today)") && zh.text.contains("张三") && zh.text.contains("李四"))
            #expect(zh.text.contains("武汉市 (1)") && zh.text.contains("上海市 (1)") && zh.text.contains("全部来源地 (2)") && zh.text.contains("rail G1234"))
            let wuhan = try await client.get("/arrivals?region=420100", cookie: hq, language: "en")
            #expect(wuhan.text.contains("张三") && !wuhan.text.contains("李四") && wuhan.text.contains("Wuhan (1)"))
            let yesterday = try await client.get("/arrivals?day=\(CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 1))", cookie: hq, language: "en")
            #expect(yesterday.text.contains("李四") && !yesterday.text.contains("张三"))
            let west = try await client.get("/arrivals?area=330106", cookie: hq, language: "en")
            #expect(west.text.contains("李四") && !west.text.contains("张三"))
            let bad = try await client.get("/arrivals?day=12/01", cookie: hq, language: "en")
            #expect(bad.status == .ok && bad.text.contains("Day: “12/01” is not a date") && bad.text.contains(#"value="12/01""#) && bad.text.contains("张三"))

            let csv = try await client.get("/arrivals.csv", cookie: hq, language: "zh")
            let rows = csv.text.split(separator: "\r\n")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8" && rows.count == 3)
            #expect(rows.first?.hasPrefix("arrival_id,person_id,name,area_id,from_region") == true && csv.text.contains("A-1,R1,张三,G-DP-1,420100,武汉市"))
            #expect(try await client.get("/arrivals.csv?day=nope", cookie: hq).status == .badRequest)

            // A grid worker: their own grid only; another area is refused (and audited).
            let grid = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            let own = try await client.get("/arrivals", cookie: grid, language: "zh")
            #expect(own.status == .ok && own.text.contains("张三") && !own.text.contains("李四"))
            #expect(try await client.get("/arrivals?area=330106", cookie: grid).status == .forbidden)
        }
        let audit = try await s.store.recentAudit(subjectID: nil, limit: 200)
        #expect(audit.contains { $0.event.action == "person.list" && $0.event.subjectKind == "arrivals" && $0.event.actor.contains("hq.chen") })
        #expect(audit.contains { $0.event.action == "person.list" && $0.event.subjectKind == "arrivals.csv" && $0.event.detail.contains("2 exported") })
        try await city.close()
    }
}
