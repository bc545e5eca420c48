import App
import Domain
import Foundation
import HummingbirdTesting
import Testing
import TestSupport

/// Proxies (代办): a resident asks by the dependant's identity number; only the dependant's grid
/// can make it so; the proxy then sees the dependant's code; either side can end it.
@Suite("Proxies")
struct ProxyTests {
    @Test("a resident asks, the dependant's grid worker confirms, the code shows on the proxy's page; removal ends it; a stranger's grid cannot confirm", arguments: Backend.available)
    func requestConfirmRemove(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let store = city.services.store
        let cli = Principal.commandLine("ops")
        // R2 (宝石一网格) asks to hold R1's codes (东坡一网格).
        let dongpo = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: cli)
        let baoshi = try await city.services.staff.create(.init(username: "baoshi.zhou", displayName: "周网格", role: "grid-worker", area: "G-BS-1"), as: cli)
        let r1Number = ImportedCity.idNumber("33010219800101123")
        try await city.test { client in
            let asker = try await client.signInResident("13800000002", store: store)
            let bad = try await client.postForm("/proxies", ["idNumber": "123", "relation": "parent"], cookie: BrowserForm.cookies(asker), language: "zh")
            let back = try await client.get(try #require(bad.headers[.location]), cookie: asker, language: "zh")
            #expect(back.text.contains("对方身份证号：不是有效的 18 位身份证号"))
            // An unknown number gets the same answer as a known one, and nothing to confirm.
            let unknown = try await client.postForm("/proxies", ["idNumber": ImportedCity.idNumber("11010119900101001"), "relation": "parent"], cookie: BrowserForm.cookies(asker))
            let asked = try await client.postForm("/proxies", ["idNumber": r1Number, "relation": "parent"], cookie: BrowserForm.cookies(asker))
            #expect(unknown.status == .seeOther && asked.status == .seeOther && unknown.headers[.location] == asked.headers[.location])
            #expect(try await store.dependants(ofProxy: "R2").isEmpty)
            let request = try #require(try await store.pendingProxyRequests(dependant: "R1").first)
            #expect(try await store.pendingProxyRequests(dependant: "R1").count == 1)

            // Another grid's worker cannot confirm; R1's grid worker sees and confirms it.
            let other = try await client.signInFirstTime("baoshi.zhou", oneTime: baoshi.password, newPassword: "baoshi-grid-one-1")
            #expect(try await client.postForm("/proxies/\(request.id)/confirm", [:], cookie: BrowserForm.cookies(other)).status == .forbidden)
            let worker = try await client.signInFirstTime("dongpo.wang", oneTime: dongpo.password, newPassword: "dongpo-grid-one-1")
            let page = try await client.get("/people/R1", cookie: worker, language: "zh")
            #expect(page.text.contains("代办申请") && page.text.contains("/proxies/\(request.id)/confirm") && page.text.contains("父母"))
            #expect(try await client.postForm("/proxies/\(request.id)/confirm", [:], cookie: BrowserForm.cookies(worker)).status == .seeOther)
            #expect(try await client.postForm("/proxies/\(request.id)/confirm", [:], cookie: BrowserForm.cookies(worker)).status == .conflict)
            #expect(try await store.dependants(ofProxy: "R2") == ["R1"])

            // The proxy's page shows the dependant's code; giving it up removes it.
            let home = try await client.get("/", cookie: asker, language: "zh")
            #expect(home.text.contains("张三") && home.text.contains("name=\"dependant\" value=\"R1\""))
            #expect(try await client.postForm("/proxies/remove", ["dependant": "R1"], cookie: BrowserForm.cookies(asker)).status == .seeOther)
            #expect(try await store.dependants(ofProxy: "R2").isEmpty)

            // At a counter: the worker links the proxy by phone, and can end it.
            #expect(try await client.postForm("/people/R1/proxies", ["phone": "13800000002"], cookie: BrowserForm.cookies(worker)).status == .seeOther)
            #expect(try await store.dependants(ofProxy: "R2") == ["R1"])
            let noOne = try await client.postForm("/people/R1/proxies", ["phone": "13900009999"], cookie: BrowserForm.cookies(worker), language: "en")
            #expect(noOne.headers[.location]?.contains("problem=") == true)
            #expect(try await client.postForm("/people/R1/proxies/remove", ["proxy": "R2"], cookie: BrowserForm.cookies(worker)).status == .seeOther)
            #expect(try await store.dependants(ofProxy: "R2").isEmpty)
        }
        let actions = try await store.recentAudit(subjectID: "R1", limit: 40).map(\.event.action)
        for action in ["proxy.request", "proxy.link", "proxy.unlink"] { #expect(actions.contains(action), "\(action)") }
        try await city.close()
    }
}
