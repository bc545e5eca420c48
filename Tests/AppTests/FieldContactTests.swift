import App
import Domain
import Foundation
import HummingbirdTesting
import Testing
import TestSupport

/// Grid field work (横到边、竖到底): the grid worker of a person's grid sees the address and
/// reveals the full phone with a reason (audited) to call it; another grid's worker does not; the
/// resident sees their grid worker's name and work phone.
@Suite("Field contact")
struct FieldContactTests {
    @Test("the grid worker sees the address and calls after giving a reason; outside the grid nothing; the resident sees their grid worker", arguments: Backend.available)
    func contact(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let cli = Principal.commandLine("ops")
        let mine = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1", phone: "13900000009"), as: cli)
        let other = try await city.services.staff.create(.init(username: "baoshi.zhou", displayName: "周网格", role: "grid-worker", area: "G-BS-1"), as: cli)
        try await city.test { client in
            let worker = try await client.signInFirstTime("dongpo.wang", oneTime: mine.password, newPassword: "dongpo-grid-one-1")
            let page = try await client.get("/people/R1", cookie: worker, language: "zh")
            #expect(page.status == .ok && page.text.contains("东坡路1号3幢201") && !page.text.contains("13800000001") && page.text.contains("138****0001"))
            // No reason, no number.
            let noReason = try await client.postForm("/people/R1/phone", ["reason": ""], cookie: BrowserForm.cookies(worker), language: "zh")
            #expect(noReason.status == .ok && !noReason.text.contains("13800000001") && noReason.text.contains("请选择查看原因"))
            let call = try await client.postForm("/people/R1/phone", ["reason": "visit"], cookie: BrowserForm.cookies(worker))
            #expect(call.status == .ok && call.text.contains("href=\"tel:13800000001\""))
            // 入户登记: a tenant into R1's household, checked as an import line; the worker then sees their address.
            let bad = try await client.postForm(
                "/households/H1/members", ["name": "钱七", "idNumber": "330102199001011235", "phone": "13900000077", "address": "东坡路1号3幢202"],
                cookie: BrowserForm.cookies(worker), language: "zh")
            #expect(bad.status == .badRequest && bad.text.contains("证件号码：") && bad.text.contains("value=\"钱七\""))
            let duplicate = try await client.postForm(
                "/households/H1/members", ["name": "李四", "idNumber": ImportedCity.idNumber("33010619900202234")], cookie: BrowserForm.cookies(worker))
            #expect(duplicate.status == .conflict)
            let tenant = try await client.postForm(
                "/households/H1/members", ["name": "钱七", "idNumber": ImportedCity.idNumber("33010219900101123"), "phone": "13900000077", "address": "东坡路1号3幢202"],
                cookie: BrowserForm.cookies(worker))
            let location = try #require(tenant.headers[.location])
            #expect(tenant.status == .seeOther && location.hasPrefix("/people/GR-"))
            let tenantPage = try await client.get(location, cookie: worker, language: "zh")
            #expect(tenantPage.text.contains("钱七") && tenantPage.text.contains("东坡路1号3幢202"))

            // Screening by building: the compound's households, visited today or not.
            let coverage = try await client.get("/grid/compounds/CP-DP", cookie: worker, language: "zh")
            #expect(coverage.status == .ok && coverage.text.contains("3幢") && coverage.text.contains("已走访 0 / 1 户"))

            // Another grid's worker: neither the address nor the number.
            let elsewhere = try await client.signInFirstTime("baoshi.zhou", oneTime: other.password, newPassword: "baoshi-grid-one-1")
            #expect(try await client.get("/people/R1", cookie: elsewhere).status == .forbidden)
            #expect(try await client.get("/grid/compounds/CP-DP", cookie: elsewhere).status == .forbidden)
            #expect(try await client.postForm("/people/R1/phone", ["reason": "visit"], cookie: BrowserForm.cookies(elsewhere)).status == .forbidden)

            // The resident: their grid worker, by name, with the work phone to call.
            let resident = try await client.signInResident("13800000001", store: city.services.store)
            let home = try await client.get("/", cookie: resident, language: "zh")
            #expect(home.text.contains("我的网格员") && home.text.contains("王网格") && home.text.contains("tel:13900000009") && !home.text.contains("周网格"))
        }
        let audit = try await city.services.store.recentAudit(subjectID: "R1", limit: 20)
        #expect(audit.contains { $0.event.action == "person.phone-reveal" && $0.event.detail == "visit" && $0.event.actor == "staff:acct-dongpo.wang" })
        #expect(audit.filter { $0.event.action == "person.phone-reveal" }.count == 1)
        let household = try await city.services.store.householdMembers(householdID: "H1")
        #expect(household.count == 2 && household.allSatisfy { $0.areaID == "G-DP-1" && $0.compoundID == "CP-DP" })
        #expect(audit.contains { $0.event.action == "access.denied" && $0.event.actor == "staff:acct-baoshi.zhou" })
        try await city.close()
    }
}
