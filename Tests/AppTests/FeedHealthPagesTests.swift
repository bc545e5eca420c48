import App
import Domain
import Foundation
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// `/feeds`: what every source delivered, late ones flagged, for the command centre.
@Suite("Feed health pages")
struct FeedHealthPagesTests {
    @Test("imports count for their source; a source silent past its interval is late; the page in both languages, for the command centre only", arguments: Backend.available)
    func feedsPage(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let services = city.services
        let arrival = #"{"id":"A-1","person":"R1","from":"420100","arrivedAt":"\#(Timestamp.format(Date().addingTimeInterval(-3_600)))","mode":"train"}"# + "\n"
        _ = try await services.imports.run(.arrivals, reader: RecordReader(bytes: Array(arrival.utf8)), actor: "token:arrivals-feed", source: "a.ndjson")
        // The gates' feed last delivered three hours ago (presence is expected every hour).
        try await services.store.recordFeedDelivery(kind: "presence", source: "token:gates", records: 40, at: Date().addingTimeInterval(-3 * 3_600))
        let cli = Principal.commandLine("ops")
        let command = try await services.staff.create(.init(username: "hq.chen", displayName: "陈指挥", role: "command-centre", area: "3301"), as: cli)
        let worker = try await services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: cli)

        let health = try await services.feedHealth.current(as: .commandLine("ops"))
        #expect(health.first?.activity.source == "token:gates" && health.first?.isLate == true)
        #expect(health.contains { $0.activity.source == "token:arrivals-feed" && $0.activity.lastDay == 1 && !$0.isLate })
        // The fixture's own loads (areas, places, residents by cli:test) are listed, with no schedule.
        #expect(health.contains { $0.activity.kind == "residents" && $0.activity.source == "cli:test" && $0.expectedMinutes == nil })

        try await city.test { client in
            let session = try await client.signInFirstTime("hq.chen", oneTime: command.password, newPassword: "hq-chen-command-1")
            let zh = try await client.get("/feeds", cookie: session, language: "zh")
            #expect(zh.status == .ok && zh.text.contains("延迟的数据源: 1") && zh.text.contains("token:gates") && zh.text.contains("行程轨迹"))
            let en = try await client.get("/feeds", cookie: session, language: "en")
            #expect(en.text.contains("Late feeds: 1") && en.text.contains("every 60 min") && en.text.contains("token:arrivals-feed"))
            let home = try await client.get("/", cookie: session, language: "en")
            #expect(home.text.contains("href=\"/feeds\"") && home.text.contains("1 data feeds are late: token:gates"))
            let grid = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            #expect(try await client.get("/feeds", cookie: grid).status == .forbidden)
            // With nothing late, no warning line (not "late feeds: 0").
            try await services.store.recordFeedDelivery(kind: "presence", source: "token:gates", records: 1, at: Date())
            #expect(try await !client.get("/feeds", cookie: session, language: "en").text.contains("Late feeds"))
        }
        try await city.close()
    }

    @Test("a late feed is told to the command centre's work phones once per silence; disabled accounts and other roles are not told", arguments: Backend.available)
    func lateFeedAlert(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let s = city.services
        let cli = Principal.commandLine("ops")
        _ = try await s.staff.create(.init(username: "hq.chen", displayName: "陈指挥", role: "command-centre", area: "3301", phone: "13900000001"), as: cli)
        _ = try await s.staff.create(.init(username: "hq.off", displayName: "休假", role: "command-centre", area: "3301", phone: "13900000002"), as: cli)
        _ = try await s.staff.create(.init(username: "xihu.li", displayName: "李区", role: "district-officer", area: "330106", phone: "13900000003"), as: cli)
        guard var off = try await s.store.account(username: "hq.off") else { throw TestSupportError("no account") }
        off.disabled = true
        try await s.store.updateAccount(off, audit: nil)
        #expect(try await s.feedHealth.alertLate().isEmpty)  // nothing late: nothing said

        let silentSince = Date().addingTimeInterval(-3 * 3_600)
        try await s.store.recordFeedDelivery(kind: "presence", source: "token:gates", records: 40, at: silentSince)
        let told = try await s.feedHealth.alertLate()
        #expect(told.count == 1 && told[0].kind == .feedLate && told[0].recipientMasked.hasSuffix("0001") && told[0].body.contains("token:gates"))
        #expect(told[0].body.contains("行程轨迹") && told[0].body.contains("60"))
        #expect(try await s.feedHealth.alertLate().isEmpty)  // the same silence: told once
        // It delivers, then falls silent again: a new silence is told again.
        try await s.store.recordFeedDelivery(kind: "presence", source: "token:gates", records: 1, at: silentSince.addingTimeInterval(3_600))
        #expect(try await s.feedHealth.alertLate().count == 1)
        #expect(try await s.store.activeAccounts(role: .commandCentre).map(\.username) == ["hq.chen"])
        try await city.close()
    }
}
