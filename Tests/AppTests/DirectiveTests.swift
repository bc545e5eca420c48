import App
import Domain
import Foundation
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// Directives down the tree (上下联动): sent to every area below down to a level, each acknowledges,
/// the sender sees who has not, and missing acknowledgements escalate a level at a time.
@Suite("Directives")
struct DirectiveTests {
    @Test("sent down to communities with grid tasks; each area acknowledges once; refused drafts name their field; escalation climbs the tree", arguments: Backend.available)
    func directives(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let s = city.services
        let cli = Principal.commandLine("ops")
        let commandAccount = try await s.staff.create(.init(username: "hq.chen", displayName: "陈指挥", role: "command-centre", area: "3301"), as: cli)
        let westAccount = try await s.staff.create(.init(username: "xihu.li", displayName: "李区", role: "district-officer", area: "330106"), as: cli)
        let gridAccount = try await s.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: cli)
        guard let command = try await s.store.account(username: "hq.chen"), let west = try await s.store.account(username: "xihu.li"),
            let grid = try await s.store.account(username: "dongpo.wang")
        else { throw TestSupportError("accounts") }
        let hq = Principal(staff: command), li = Principal(staff: west), wang = Principal(staff: grid)
        let local = LocalTime(offsetMinutes: s.profiles.profile.colours.dayOffsetMinutes)
        let now = s.clock.now()
        let deadline = local.input(now.addingTimeInterval(2 * 3_600))

        // Refused before anything is stored, each naming its field.
        func refusal(_ draft: DirectiveDraft) async -> DirectiveDraft.Problem? {
            do { _ = try await s.directives.send(draft, as: hq); return nil } catch let p as DirectiveDraft.Problem { return p } catch { return nil }
        }
        #expect(await refusal(DirectiveDraft(text: "  ", deadline: deadline, downTo: "community", gridTasks: false)) == .textMissing)
        #expect(await refusal(DirectiveDraft(text: "排查", deadline: "tomorrow", downTo: "community", gridTasks: false)) == .deadlineUnreadable("tomorrow"))
        #expect(await refusal(DirectiveDraft(text: "排查", deadline: local.input(now.addingTimeInterval(-60)), downTo: "community", gridTasks: false)) == .deadlinePassed)
        #expect(await refusal(DirectiveDraft(text: "排查", deadline: deadline, downTo: "city", gridTasks: false))?.field == "downTo")
        #expect(try await s.store.directivesSent(within: .everywhere, at: now, page: PageRequest()).total == 0)

        let sent = try await s.directives.send(DirectiveDraft(text: "今晚 20 点前完成辖区小区封闭管理排查", deadline: deadline, downTo: "community", gridTasks: true), as: hq)
        #expect(sent.recipients == 6)  // two districts, two streets, two communities
        let tasks = try await s.store.tasks(within: "/", states: [.open], limit: 100).filter { $0.factKey.hasPrefix("directive:\(sent.directive.id):") }
        #expect(tasks.map(\.gridID).sorted() == ["G-BS-1", "G-DP-1", "G-DP-2"] && tasks.allSatisfy { $0.note.contains("封闭管理") })

        // The district acknowledges once; a grid below the chosen level is no recipient.
        #expect(try await s.directives.acknowledge(sent.directive.id, as: li))
        #expect(try await !s.directives.acknowledge(sent.directive.id, as: li))
        #expect(try await !s.directives.acknowledge(sent.directive.id, as: wang))
        let progress = try await s.store.directivesSent(within: .everywhere, at: now, page: PageRequest()).items
        #expect(progress.count == 1 && progress[0].recipients == 6 && progress[0].acknowledged == 1 && progress[0].overdue == 0)
        let pending = try await s.directives.detail(sent.directive.id, pendingOnly: true, as: hq, page: PageRequest())
        #expect(pending.recipients?.total == 5 && pending.recipients?.items.contains { $0.areaID == "330106" } == false)
        // A recipient reads the text, not the others' acknowledgements.
        #expect(try await s.directives.detail(sent.directive.id, pendingOnly: false, as: li, page: PageRequest()).recipients == nil)

        // Past the deadline: a level up per interval (12 h), never above the city.
        let due = sent.directive.deadline
        #expect(try await s.store.escalateDirectiveAcknowledgements(at: due.addingTimeInterval(60), every: 43_200) == 5)
        #expect(try await s.store.escalateDirectiveAcknowledgements(at: due.addingTimeInterval(120), every: 43_200) == 0)
        #expect(try await s.store.escalateDirectiveAcknowledgements(at: due.addingTimeInterval(43_260), every: 43_200) == 4)  // the district stops at 1
        let cityRoot = AreaPath("/3301/")
        let atCity = try await s.store.overdueAcknowledgements(below: cityRoot, rank: 0, at: due.addingTimeInterval(43_300), page: PageRequest())
        #expect(Set(atCity.items.map(\.areaID)) == ["330102", "330102001", "330106001"])
        let shangcheng = try await s.store.overdueAcknowledgements(below: AreaPath("/3301/330102/"), rank: 1, at: due.addingTimeInterval(43_300), page: PageRequest())
        #expect(Set(shangcheng.items.map(\.areaID)) == ["330102001", "330102001001"])

        // The pages: the form keeps what was typed and names the field; acknowledging from the page.
        try await city.test { client in
            let hqSession = try await client.signInFirstTime("hq.chen", oneTime: commandAccount.password, newPassword: "hq-chen-command-1")
            let bad = try await client.postForm("/directives", ["text": "请各社区今日上报物资缺口", "deadline": "明天", "downTo": "community"], cookie: hqSession, language: "zh")
            #expect(bad.status == .badRequest && bad.text.contains("签收期限：“明天”不是日期时间。") && bad.text.contains("请各社区今日上报物资缺口"))
            let list = try await client.get("/directives", cookie: hqSession, language: "en")
            #expect(list.text.contains("1 of 6 acknowledged") && list.text.contains("封闭管理"))
            let detail = try await client.get("/directives/\(sent.directive.id)", cookie: hqSession, language: "en")
            #expect(detail.text.contains("宝石社区") && detail.text.contains("to acknowledge by"))
            let liSession = try await client.signInFirstTime("xihu.li", oneTime: westAccount.password, newPassword: "xihu-li-officer-1")
            let inbox = try await client.get("/directives", cookie: liSession, language: "zh")
            #expect(inbox.text.contains("已签收") && inbox.text.contains("陈指挥"))
            let wangSession = try await client.signInFirstTime("dongpo.wang", oneTime: gridAccount.password, newPassword: "dongpo-grid-one-1")
            #expect(try await client.get("/directives", cookie: wangSession, language: "zh").status == .ok)
            #expect(try await client.postForm("/directives", ["text": "x", "deadline": deadline, "downTo": "grid"], cookie: wangSession).status == .forbidden)
        }
        let audit = try await s.store.recentAudit(subjectID: sent.directive.id, limit: 10).map(\.event.action)
        #expect(audit.contains("directive.send") && audit.contains("directive.acknowledge"))
        try await city.close()
    }
}
