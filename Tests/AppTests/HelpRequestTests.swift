import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// 求助、反映: anyone with a phone (or a signed-in resident) asks for help or reports; the grid of
/// the compound gets a task, answers, and the sender follows it by the link shown once.
@Suite("Help requests and reports")
struct HelpRequestTests {
    @Test("a phone without an account asks for medicine, the grid answers, the sender follows it; three a day; another grid cannot read it; no colour changes", arguments: Backend.available)
    func askAnswerFollow(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let store = city.services.store
        let cli = Principal.commandLine("ops")
        let dongpo = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: cli)
        let baoshi = try await city.services.staff.create(.init(username: "baoshi.zhou", displayName: "周网格", role: "grid-worker", area: "G-BS-1"), as: cli)
        let before = try await city.services.statuses.current("R1").colour
        try await city.test { client in
            #expect(try await client.postForm("/help/code", ["phone": "13600000001", "kind": "help", "category": "other"]).status == .ok)
            let code = try await RegistrationTests.code(for: "13600000001", store)
            let wrongKind = try await client.postForm(
                "/help", ["phone": "13600000001", "code": code, "kind": "help", "category": "gathering", "text": "有人聚集", "compound": "东坡小区"], language: "zh")
            #expect(wrongKind.status == .badRequest && wrongKind.text.contains("事项：") && wrongKind.text.contains("有人聚集"))
            let sent = try await client.postForm(
                "/help", ["phone": "13600000001", "code": code, "kind": "help", "category": "medicine", "text": "隔离在家，需要降压药", "compound": "东坡小区", "address": "3幢201"])
            #expect(sent.status == .ok)
            let follow = try #require(sent.text.firstMatch(of: /href="(\/help\/follow\/[^"]+)"/)?.output.1)
            #expect(try await client.get(String(follow), language: "zh").text.contains("处理中"))

            // The grid worker of the compound's grid sees the task, opens the request and answers.
            let worker = try await client.signInFirstTime("dongpo.wang", oneTime: dongpo.password, newPassword: "dongpo-grid-one-1")
            let tasks = try await client.get("/grid", cookie: worker, language: "zh")
            let id = try #require(tasks.text.firstMatch(of: /\/help\/requests\/(REQ-[0-9A-F]+)/)?.output.1)
            #expect(tasks.text.contains("求助 · 买药"))
            let other = try await client.signInFirstTime("baoshi.zhou", oneTime: baoshi.password, newPassword: "baoshi-grid-one-1")
            #expect(try await client.get("/help/requests/\(id)", cookie: other).status == .forbidden)
            let page = try await client.get("/help/requests/\(id)", cookie: worker, language: "zh")
            #expect(page.status == .ok && page.text.contains("降压药") && page.text.contains("136****0001"))
            #expect(try await client.postForm("/help/requests/\(id)/answer", ["answer": "今晚七点前送到门口"], cookie: BrowserForm.cookies(worker)).status == .seeOther)
            #expect(try await client.postForm("/help/requests/\(id)/answer", ["answer": "again"], cookie: BrowserForm.cookies(worker)).status == .conflict)
            let answered = try await client.get(String(follow), language: "zh")
            #expect(answered.text.contains("已回复") && answered.text.contains("今晚七点前送到门口"))

            // A signed-in resident needs no code; three a day, the fourth is refused.
            let signedIn = try await client.signInResident("13800000001", store: store)
            for i in 0..<3 {
                let r = try await client.postForm(
                    "/help", ["kind": "report", "category": "newcomer", "text": "302 住进了新租户 \(i)", "compound": "东坡小区"], cookie: BrowserForm.cookies(signedIn))
                #expect(r.status == .ok)
            }
            let fourth = try await client.postForm(
                "/help", ["kind": "report", "category": "newcomer", "text": "又一个", "compound": "东坡小区"], cookie: BrowserForm.cookies(signedIn), language: "en")
            #expect(fourth.status == .tooManyRequests && fourth.text.contains("Three sent today"))
            let home = try await client.get("/", cookie: signedIn, language: "zh")
            #expect(home.text.contains("反映情况 · 未登记来人") && home.text.contains("处理中"))
        }
        // Reports about someone change nobody's colour.
        #expect(try await city.services.statuses.current("R1").colour == before)
        let done = try await store.tasks(within: "/3301/", states: [.done], limit: 10)
        #expect(done.contains { $0.kind == .helpRequest && $0.stateReason == "answered" })
        try await city.close()
    }
}
