import App
import Credentials
import Privacy
import Domain
import Foundation
import HummingbirdTesting
import Testing
import TestSupport

/// Enterprises back to work: registered and decided by the district, an account that sees its
/// enterprise only, employees linked only with their consent, and colour and fitness, never why.
@Suite("Enterprises")
struct EnterpriseTests {
    @Test("registration refused with the field named, approved by the district with an account; employees seen only after consent, colour and yes/no only", arguments: Backend.available)
    func backToWork(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let s = city.services
        let store = s.store
        let districtAccount = try city.account("district")
        let area = try #require(districtAccount.jurisdiction)
        let residentAccount = try city.account("resident")
        let residentID = try #require(residentAccount.residentID)
        let residentRecord = try #require(try await store.resident(id: residentID))
        let opened = try s.vault.open(residentRecord)
        let idNumber = try #require(opened.idNumber), phone = try #require(opened.phone)
        let form = [
            "name": "杭州复工示范科技有限公司", "creditCode": "91330100799655058C", "address": "文一西路 969 号", "area": area, "contactName": "王经理",
            "contactPhone": "13900000001",
        ]
        try await city.test { client in
            let district = try await client.signIn(districtAccount)
            // A mistyped credit code: refused, the field named in the reader's language, the form kept.
            let bad = try await client.postForm("/enterprises", form, cookie: district, language: "en")
            #expect(bad.status == .badRequest && bad.text.contains("Unified social credit code: the check character should be B, it is C"))
            #expect(bad.text.contains("value=\"杭州复工示范科技有限公司\""))
            let badZh = try await client.postForm("/enterprises", form, cookie: district, language: "zh-CN")
            #expect(badZh.text.contains("统一社会信用代码：校验位应为 B"))
            #expect(try await store.enterprise(id: "ENT-91330100799655058C") == nil)
            #expect(try await store.enterprise(id: "ENT-91330100799655058B") == nil)

            var good = form
            good["creditCode"] = "91330100799655058B"
            let registered = try await client.postForm("/enterprises", good, cookie: district)
            let id = "ENT-91330100799655058B"
            #expect(registered.status == .seeOther && registered.headers[.location] == "/enterprises/\(id)?registered=1")
            #expect(try await client.postForm("/enterprises", good, cookie: district, language: "en").text.contains("is already registered"))
            #expect(try await client.get("/enterprises", cookie: district).text.contains("杭州复工示范科技有限公司"))

            // The district decides: a refusal needs its reason; the approval opens the account.
            let noReason = try await client.postForm("/enterprises/\(id)/decision", ["decision": "refuse", "reason": " "], cookie: district, language: "en")
            #expect(noReason.status == .badRequest && noReason.text.contains("Reason: say why"))
            let approved = try await client.postForm("/enterprises/\(id)/decision", ["decision": "approve"], cookie: district)
            #expect(approved.status == .ok)
            let password = try shownSecret(approved.text)
            #expect(try await store.enterprise(id: id)?.state == .approved)
            #expect(try await store.pendingMessages(limit: 50).contains { $0.kind == .enterpriseApproved && $0.recipientMasked == Masking.phone("13900000001") })
            #expect(try await client.postForm("/enterprises/\(id)/decision", ["decision": "refuse", "reason": "晚了"], cookie: district).status == .badRequest)

            let manager = try await client.signInFirstTime("ent-91330100799655058b", oneTime: password, newPassword: "fugong-2020-zhejiang")
            #expect(try await client.get("/employees", cookie: manager).text.contains("杭州复工示范科技有限公司"))
            // The manager opens an account for the health officer: bound to the same enterprise.
            let officerAccount = try await client.postForm("/enterprise-accounts", ["username": "fugong.health", "displayName": "李防疫"], cookie: manager)
            #expect(officerAccount.status == .ok && (try? shownSecret(officerAccount.text)) != nil)
            let health = try #require(try await store.account(username: "fugong.health"))
            #expect(health.role == .enterpriseHealth && health.enterpriseID == id && health.mustChangePassword)
            #expect(try await client.postForm("/enterprise-accounts", ["username": "fugong.health", "displayName": "李"], cookie: manager, language: "en").status == .badRequest)

            // Lines refused by line and field: a malformed number, someone not of this city, the wrong phone.
            let stranger = "110105194912310029"
            #expect(try await store.residents(idNumberIndex: s.vault.blindIndex(stranger, kind: "id")).isEmpty)
            let csv = "idNumber,phone\n12345,13900000002\n\(stranger),13900000003\n\(idNumber),13900000004\n\(idNumber),\(phone)\n"
            let added = try await client.postForm("/employees", ["csv": csv], cookie: manager, language: "en")
            #expect(added.status == .badRequest)
            #expect(added.text.contains("Line 2 · idNumber") && added.text.contains("Line 3 · idNumber") && added.text.contains("Line 4 · phone"))
            #expect(added.text.contains("1 people asked to confirm"))
            // Asked, not agreed: the enterprise sees the name and that it waits, no colour.
            let waiting = try await client.get("/employees", cookie: manager, language: "en")
            #expect(waiting.text.contains(residentRecord.name) && waiting.text.contains("Waiting for their consent") && !waiting.text.contains("class=\"colour"))

            // The person says yes on their own page.
            let me = try await client.signInResident(phone, store: store)
            let home = try await client.get("/", cookie: me, language: "en")
            #expect(home.text.contains("杭州复工示范科技有限公司 asks to list you as an employee"))
            let agreed = try await client.postForm("/employment/\(id)/answer", ["answer": "agree"], cookie: me)
            #expect(agreed.status == .seeOther)

            // A red colour for a reason: the enterprise sees red and "No", nothing of why.
            let now = s.clock.now()
            _ = try await store.saveStatus(
                HealthStatus(
                    person: residentID, colour: .red,
                    reasons: [StatusReason(rule: "close-contact", colour: .red, facts: ["place": "V-secret-venue"], until: now.addingTimeInterval(86_400))],
                    until: now.addingTimeInterval(86_400), actions: [], profileVersion: 1, computedAt: now))
            let seen = try await client.get("/employees", cookie: manager, language: "en")
            #expect(seen.text.contains("class=\"colour red\">Red<") && seen.text.contains(">No<"))
            #expect(!seen.text.contains("V-secret-venue") && !seen.text.lowercased().contains("contact") && !seen.text.contains(idNumber))

            // The account reaches its enterprise only.
            #expect(try await client.get("/people/\(residentID)", cookie: manager).status == .forbidden)
            #expect(try await client.get("/enterprises", cookie: manager).status == .forbidden)
            #expect(try await client.get("/dashboard", cookie: manager).status == .forbidden)

            // Return to work: a headcount that is no number is refused with the field, the form kept.
            let noHeadcount = try await client.postForm("/return-to-work", ["plan[]": "masks", "headcount": "thirty"], cookie: manager, language: "en")
            #expect(noHeadcount.status == .badRequest && noHeadcount.text.contains("Headcount: &quot;thirty&quot; is not a number of people") && noHeadcount.text.contains("value=\"thirty\""))
            let applied = try await client.postForm("/return-to-work", ["plan[]": "masks", "headcount": "30"], cookie: manager)
            #expect(applied.status == .seeOther)
            let applicationID = try #require(applied.headers[.location]?.firstMatch(of: /RTW-[0-9a-f]+/).map { String($0.output) })
            var application = try #require(try await store.application(id: applicationID))
            #expect(application.plan == ["masks": true, "temperature": false, "canteen": false, "isolationRoom": false])
            #expect(application.employees == 1 && application.green == 0 && application.headcount == 30)  // the one employee is red
            #expect(try await client.postForm("/return-to-work", ["plan[]": "masks", "headcount": "30"], cookie: manager, language: "en").text.contains("already waiting"))

            // The district asks for changes (a reason is required), the enterprise applies again, the district approves.
            let bare = try await client.postForm("/return-to-work/\(applicationID)/decision", ["decision": "changes", "reason": ""], cookie: district, language: "en")
            #expect(bare.status == .badRequest && bare.text.contains("Reason: say why"))
            #expect(try await client.postForm("/return-to-work/\(applicationID)/decision", ["decision": "changes", "reason": "缺临时隔离室"], cookie: district).status == .seeOther)
            #expect(try await store.pendingMessages(limit: 100).contains { $0.kind == .workDecision && $0.body.contains("缺临时隔离室") })
            let again = try await client.postForm("/return-to-work", ["plan[]": "masks", "headcount": "30"], cookie: manager)
            let secondID = try #require(again.headers[.location]?.firstMatch(of: /RTW-[0-9a-f]+/).map { String($0.output) })
            #expect(try await client.postForm("/return-to-work/\(secondID)/decision", ["decision": "approve"], cookie: district).status == .seeOther)
            let printed = try await client.postForm("/return-to-work/\(secondID)/certificate", [:], cookie: manager)
            #expect(printed.status == .ok && printed.text.contains("<svg") && printed.text.contains("91330100799655058B"))
            application = try #require(try await store.application(id: secondID))
            #expect(application.state == .approved && application.certificates.count == 1)

            // A certificate verifies offline until the district revokes the approval.
            let certificate = try await s.workApplications.certificate(secondID, as: Principal(staff: try #require(try await store.account(username: "ent-91330100799655058b"))))
            #expect(try s.credentials.verifyCertificate(certificate.text).enterpriseName == "杭州复工示范科技有限公司")
            #expect(try await client.postForm("/return-to-work/\(secondID)/revoke", ["reason": "发现聚集性疫情"], cookie: district).status == .seeOther)
            #expect(throws: CredentialError.revoked) { try s.credentials.verifyCertificate(certificate.text) }
            #expect(try await client.postForm("/return-to-work/\(secondID)/certificate", [:], cookie: manager).status == .badRequest)
            #expect(try await client.postForm("/return-to-work/\(secondID)/decision", ["decision": "approve"], cookie: manager).status == .forbidden)

            // The daily staff report: refused figures name the field; an employee with symptoms is a task for their grid.
            let over = try await client.postForm("/staff-report", ["present": "10", "checked": "12"], cookie: manager, language: "en")
            #expect(over.status == .badRequest && over.text.contains("Temperature taken: cannot be more than present") && over.text.contains("value=\"12\""))
            let stranger2 = try #require(try await store.residents(within: "/", after: residentID, limit: 1).first?.id)
            #expect(try await client.postForm("/staff-report", ["present": "10", "checked": "10", "symptomatic[]": stranger2], cookie: manager).status == .badRequest)
            let reported = try await client.postForm("/staff-report", ["present": "10", "checked": "10", "symptomatic[]": residentID], cookie: manager)
            #expect(reported.status == .seeOther && reported.headers[.location] == "/staff-report?tasks=1")
            let tasks = try await store.tasks(within: residentRecord.areaPath, states: [.open], limit: 100)
            #expect(tasks.contains { $0.kind == .symptomReport && $0.person == residentID && $0.note.hasPrefix(id) })
            // Sent again the same day: replaced, no second task.
            _ = try await client.postForm("/staff-report", ["present": "11", "checked": "11", "symptomatic[]": residentID], cookie: manager)
            #expect(try await store.tasks(within: residentRecord.areaPath, states: [.open], limit: 100).filter { $0.kind == .symptomReport && $0.note.hasPrefix(id) }.count == 1)
            #expect(try await store.staffReport(enterpriseID: id, day: s.staffReports.today())?.present == 11)
            let officerReports = try await client.get("/reports", cookie: district, language: "en")
            #expect(officerReports.text.contains("id=\"enterprises\"") && officerReports.text.contains("data-label=\"Reported\">1<"))
        }
        let audit = try await store.recentAudit(subjectID: "ENT-91330100799655058B", limit: 20).map(\.event.action)
        #expect(audit.contains("enterprise.approve") && audit.contains("employees.list") && audit.contains("employment.propose"))
        #expect(try await store.recentAudit(subjectID: residentID, limit: 20).contains { $0.event.action == "employment.confirm" })
        try await city.close()
    }
}

extension EnterpriseTests {
    @Test("a chartered trip's passengers are in the timeline with their seats: a later case's seat neighbour is a transport contact; arrivals from Wuhan get the grid's visit", arguments: Backend.available)
    func charteredTrip(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let s = city.services
        let store = s.store
        let district = try #require(try await store.account(username: "district"))
        let officer = Principal(staff: district)
        let registered = try await s.enterprises.register(
            EnterpriseDraft(name: "绍兴纺织有限公司", creditCode: "91330100799655058B", address: "柯桥区", area: district.jurisdictionID, contactName: "陈经理", contactPhone: "13900000009"),
            as: officer)
        let issued = try #require(try await s.enterprises.decide(registered.id, approve: true, reason: "", as: officer).issued)
        let manager = Principal(staff: issued.account)
        // Three employees who agreed (the store's consent path), one more who did not.
        // From four households: a household member would be a household contact, whatever the seat.
        var households = Set<String>()
        let people = try await store.residents(within: district.jurisdictionPath, after: nil, limit: 60)
            .filter { households.insert($0.householdID ?? $0.id).inserted }.prefix(4).map(\.id)
        _ = try await store.proposeEmployments(people.map { Employment(enterpriseID: registered.id, person: $0, proposedBy: "x", proposedAt: Date()) }, audit: s.clock.event("t", .employmentPropose))
        for p in people.prefix(3) {
            #expect(try await store.decideEmployment(enterpriseID: registered.id, person: p, confirm: true, by: "resident:\(p)", at: Date(), audit: s.clock.event("t", .employmentConfirm)))
        }
        let local = s.profiles.profile.localTime
        let now = s.clock.now()
        func draft(_ seats: [String: String], departure: Date = now.addingTimeInterval(-2 * 86_400)) -> CharteredTripService.Draft {
            .init(origin: "420100", vehicle: "鄂A·12345", departure: local.input(departure), arrival: local.input(departure.addingTimeInterval(5 * 3_600)), seats: seats)
        }
        func refusal(_ d: CharteredTripService.Draft) async -> CharteredTrip.Problem? {
            do { _ = try await s.charteredTrips.register(d, as: manager); return nil } catch let p as CharteredTrip.Problem { return p } catch { return nil }
        }
        #expect(await refusal(draft([people[0]: "3A", people[1]: "3A"])) == .sameSeat("3A"))
        #expect(await refusal(draft([people[0]: "A3"])) == .seat(person: people[0], typed: "A3"))
        #expect(await refusal(draft([people[3]: "5C"])) == .notAnEmployee(people[3]))
        #expect(await refusal(draft([people[0]: "3A"], departure: now.addingTimeInterval(9 * 86_400))) == .tooFarAhead)
        #expect(try await store.charteredTrips(enterpriseID: registered.id).isEmpty)

        // Rows 3, 5 and 12: the first two are within the profile's ±3 rows, the third is not.
        let trip = try await s.charteredTrips.register(draft([people[0]: "3A", people[1]: "5c", people[2]: "12F"]), as: manager)
        #expect(trip.passengers.map(\.seat).sorted() == ["12F", "3A", "5C"])
        _ = try await store.insertLabResults(
            [LabResult(id: "LAB-TRIP", person: people[0], sampledAt: now.addingTimeInterval(-3_600), result: .positive, test: .pcr)], audit: nil)
        try await s.cases.caseChanged(people[0], actor: "test")
        let contacts = try await store.exposures(caseID: people[0])
        #expect(contacts.contains { $0.person == people[1] && $0.category == .transport && $0.place == trip.placeID })
        #expect(!contacts.contains { $0.person == people[2] && $0.place == trip.placeID })
        // From Wuhan, a high-risk region: the grid verifies each arrival at home.
        let tasks = try await s.tasks.generate()
        #expect(tasks.filter { $0.kind == .verifyArrival && $0.note.hasPrefix(trip.placeID) }.count == 3)

        // Force majeure: asked with the contract named, issued by the district, printed with a QR that verifies.
        await #expect(throws: ForceMajeureRequest.Problem.missing(field: "contract")) {
            _ = try await s.forceMajeure.request(reason: "封控期间无法发货", contract: " ", as: manager)
        }
        let asked = try await s.forceMajeure.request(reason: "封控期间无法发货", contract: "HZ-2020-0117 供货合同", as: manager)
        await #expect(throws: ForceMajeureRequest.Problem.refusalReasonMissing) { _ = try await s.forceMajeure.decide(asked.id, issue: false, refusal: "", as: officer) }
        await #expect(throws: AccessPolicy.Denial.self) { _ = try await s.forceMajeure.decide(asked.id, issue: true, refusal: "", as: manager) }
        #expect(try await s.forceMajeure.decide(asked.id, issue: true, refusal: "", as: officer).state == .issued)
        let printed = try await s.forceMajeure.certificate(asked.id, as: manager)
        let verified = try s.credentials.verifyCertificate(printed.text)
        #expect(verified.kind == "force-majeure" && verified.detail == "HZ-2020-0117 供货合同" && verified.creditCode == "91330100799655058B")
        #expect(try await store.forceMajeureRequest(id: asked.id)?.certificates == [Hex.encode(printed.certificate.id)])
        #expect(try await s.forceMajeure.list(page: PageRequest(), as: officer).items.contains { $0.id == asked.id })
        #expect(try await s.forceMajeure.list(page: PageRequest(), as: manager).items.map(\.id) == [asked.id])  // its own only, not the demo enterprise's
        try await city.close()
    }
}
