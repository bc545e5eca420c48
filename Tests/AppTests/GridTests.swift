import App
import Domain
import Foundation
import GridWork
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Grid management (issue 6) on the real application and both stores.
@Suite("Grid management")
struct GridTests {
    func staff(_ city: TestCity, _ username: String) async throws -> Principal {
        Principal(staff: try #require(try await city.services.store.account(username: username)))
    }

    @Test("each task rule fires once per fact (none again on a second run) and lands in the grid where the person lives", arguments: Backend.available)
    func taskRules(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let now = city.services.clock.now()
        let people = try await store.residents(within: city.city.grids[0].area.path, after: nil, limit: 3)
        let (arrival, contact, missed) = (people[0], people[1], people[2])
        _ = try await store.insertArrivals([Arrival(id: "ARR-T1", person: arrival.id, from: "420100", arrivedAt: now.addingTimeInterval(-7200))], audit: nil)
        try await store.replaceExposures(
            caseID: "CASE-T", with: [ContactExposure(person: contact.id, caseID: "CASE-T", category: .close, lastExposure: now.addingTimeInterval(-3600)),
                ContactExposure(person: missed.id, caseID: "CASE-T", category: .close, lastExposure: now.addingTimeInterval(-3 * 86_400))], audit: nil)

        let service = city.services.tasks
        // The demo's enterprise already asked for a visit (its staff report): counted apart.
        let before = try await store.tasks(within: "/", states: Set(TaskState.allCases), limit: 100_000).count
        let made = try await service.generate()
        let mine = made.filter { [arrival.id, contact.id, missed.id].contains($0.person ?? "") }
        #expect(mine.filter { $0.kind == .verifyArrival }.map(\.factKey) == ["verify-arrival:ARR-T1"])
        #expect(Set(mine.filter { $0.kind == .quarantineOrder }.compactMap(\.person)) == [contact.id, missed.id])
        #expect(mine.contains { $0.kind == .missedCheckIn && $0.person == missed.id })
        #expect(!mine.contains { $0.kind == .missedCheckIn && $0.person == contact.id })  // in quarantine only since today
        for task in mine { #expect(task.gridID == city.city.grids[0].area.id && task.gridPath == city.city.grids[0].area.path) }
        // The same facts again: nothing new, and the store holds each fact's task once.
        #expect(try await service.generate().isEmpty)
        let stored = try await store.tasks(within: "/", states: Set(TaskState.allCases), limit: 100_000)
        #expect(Set(stored.map(\.factKey)).count == stored.count)
        #expect(stored.count == made.count + before)

        // The task page: filtered by kind with counts beside each choice, paged, in the page's language.
        let grid = city.city.grids[0].area
        let inGrid = stored.filter { $0.gridPath.hasPrefix(grid.path) && [.open, .inProgress].contains($0.state) }
        let orders = inGrid.filter { $0.kind == .quarantineOrder }.count
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            let all = try await client.get("/grid", cookie: cookie, language: "en")
            #expect(all.text.contains("All kinds (\(inGrid.count))"))
            #expect(all.text.contains("Deliver the quarantine order and start follow-up (\(orders))"))
            let filtered = try await client.get("/grid?kind=quarantine-order", cookie: cookie, language: "en")
            #expect(filtered.text.components(separatedBy: "action=\"/grid/tasks/").count - 1 == min(orders, 50))
            #expect(filtered.text.contains("of \(orders)"))
            #expect(filtered.text.contains(#"<option value="quarantine-order" selected>"#))
            let zh = try await client.get("/grid?kind=verify-arrival", cookie: cookie, language: "zh-CN")
            let arrivals = inGrid.filter { $0.kind == .verifyArrival }.count
            #expect(zh.text.contains("入户核查来自高风险地区人员 (\(arrivals))") && zh.text.contains("共 \(arrivals) 条"))
        }
        try await city.close()
    }

    @Test("a refused new task and a refused daily report come back as typed, why in the page's language, nothing stored", arguments: Backend.available)
    func refusedFormsKeepWhatWasTyped(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        try await city.test { client in
            let officer = try await client.signIn(try city.account("community"))
            let before = try await store.taskCounts(within: "/", states: [.open]).reduce(0) { $0 + $1.count }
            let refused = try await client.postForm("/grid/tasks", ["grid": "没有这个网格", "note": "给独居老人送药", "dueHours": "12"], cookie: officer, language: "zh-CN")
            let page = try await client.get(try #require(refused.headers[.location]), cookie: officer, language: "zh-CN").text
            #expect(page.contains("网格：没有这个网格 不是网格") && page.contains(#"value="给独居老人送药""#) && page.contains(#"value="12""#))
            #expect(try await store.taskCounts(within: "/", states: [.open]).reduce(0) { $0 + $1.count } == before)

            let worker = try await client.signIn(try city.account("grid"))
            let grid = try #require(city.account("grid").jurisdiction)
            let report = try await client.postForm("/reports", ["grid": grid, "householdsScreened": "12", "feversFound": "two"], cookie: worker, language: "en")
            let form = try await client.get(try #require(report.headers[.location]), cookie: worker, language: "en").text
            #expect(form.contains("Fevers found: “two” is not a whole number") || form.contains(": “two” is not a whole number of 0 or more"))
            #expect(form.contains(#"name="householdsScreened" inputmode="numeric" value="12""#) && form.contains(#"value="two""#))
            #expect(try await store.dailyReports(within: "/", day: CalendarDate(localDayOf: Date(), offsetMinutes: 480)).isEmpty)
        }
        try await city.close()
    }

    @Test("a door-to-door visit that finds a fever turns that resident yellow with the visit as the reason", arguments: Backend.available)
    func feverAtTheDoor(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let resident = try #require(try await store.residents(within: city.city.grids[0].area.path, after: nil, limit: 50).first { $0.householdID != nil })
        let household = try #require(resident.householdID)
        let members = try await store.householdMembers(householdID: household)
        let index = try #require(members.firstIndex { $0.id == resident.id })
        #expect(try await city.services.statuses.current(resident.id).colour == .green)
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            let form = try await client.get("/households/\(household)/visit", cookie: cookie, language: "zh-CN")
            #expect(form.status == .ok && form.text.contains("入户排查"))
            var fields: [String: String] = ["travel": ""]
            for (i, m) in members.enumerated() {
                fields["person_\(i)"] = m.id
                fields["present_\(i)"] = "on"
                fields["temperature_\(i)"] = i == index ? "38.6" : "36.5"
            }
            // A temperature that is no number is refused with the person named, and nothing is stored.
            var garbled = fields
            garbled["temperature_\(index)"] = "abc"
            // The form is answered again as typed, the person by (masked) name, never their id.
            let name = Masking.name(resident.name)
            let refused = try await client.postForm("/households/\(household)/visit", garbled, cookie: cookie, language: "en")
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Temperature of \(name): &quot;abc&quot; is not a body temperature") || refused.text.contains("Temperature of \(name): \"abc\" is not a body temperature"))
            #expect(refused.text.contains(#"name="temperature_\#(index)" inputmode="decimal" size="5" value="abc""#))
            #expect(!refused.text.contains(resident.id + " "))
            // In the page's language (Chinese by default).
            let refusedZh = try await client.postForm("/households/\(household)/visit", garbled, cookie: cookie)
            #expect(refusedZh.text.contains("\(name) 的体温：“abc”不是人的体温"))
            #expect(try await store.visits(within: city.city.grids[0].area.path, from: .distantPast, to: .distantFuture).isEmpty)
            let posted = try await client.postForm("/households/\(household)/visit", fields, cookie: cookie)
            #expect(posted.status == .seeOther)
        }
        let status = try await city.services.statuses.current(resident.id)
        #expect(status.colour == .yellow)
        let reason = try #require(status.reasons.first { $0.rule == "symptoms" })
        #expect(reason.facts["reportedBy"]?.hasPrefix("visit:V-") == true)
        #expect(reason.facts["temperature"] == "38.6")
        // The others seen well at the door stay green.
        for m in members where m.id != resident.id { #expect(try await city.services.statuses.current(m.id).colour == .green) }
        let visit = try await store.visits(within: city.city.grids[0].area.path, from: .distantPast, to: .distantFuture)
        #expect(visit.count == 1 && visit.first?.fevers(feverCelsius: 37.3) == 1)
        try await city.close()
    }

    @Test("completeness counts one zero report and one missing grid; a zero report with figures is refused; the CSV names the missing grid",
        arguments: Backend.available)
    func completeness(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let command = try await staff(city, "command")
        let reports = city.services.reports
        let day = reports.today()
        // Two more grids in the first community, so a district has reported, zero and missing grids.
        let first = city.city.grids[0].area
        let communityPath = String(first.path.dropLast(first.id.count + 1))
        let extra = ["GX1", "GX2"].map { Area(id: $0, name: "网格 \($0)", level: .grid, parentID: first.parentID, path: communityPath + $0 + "/") }
        _ = try await city.services.store.insertAreas(extra, audit: nil)
        let grids = try await city.services.store.grids(within: "/")
        #expect(grids.count >= 4)
        let (zeroGrid, missingGrid) = (grids[0], grids[1])
        await #expect(throws: DailyReportService.ReportError.zeroWithFigures) {
            try await reports.submit(grid: zeroGrid.id, day: day, figures: ReportFigures(feversFound: 1), zero: true, as: command)
        }
        await #expect(throws: DailyReportService.ReportError.futureDay(CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1))) {
            try await reports.submit(grid: zeroGrid.id, day: CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1), figures: ReportFigures(), zero: true, as: command)
        }
        try await reports.submit(grid: zeroGrid.id, day: day, figures: ReportFigures(), zero: true, as: command)
        for g in grids.dropFirst(2) { try await reports.submit(grid: g.id, day: day, figures: ReportFigures(householdsScreened: 3), zero: false, as: command) }
        let cityID = try #require(city.city.grids.first?.area.path.split(separator: "/").first.map(String.init))
        let (_, result, _) = try await reports.completeness(of: cityID, day: day, as: command)
        #expect(result.total.grids == grids.count)
        #expect(result.total.submitted == grids.count - 1 && result.total.zero == 1 && result.total.missing == 1)
        #expect(result.missing.map(\.id) == [missingGrid.id])
        let csv = try await reports.csv(of: cityID, day: day, as: command)
        #expect(csv.contains("\n\(missingGrid.id),"))
        // The page shows the same, for the district officer's own district.
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("district"))
            let page = try await client.get("/reports", cookie: cookie, language: "en")
            #expect(page.status == .ok && page.text.contains("Report completeness"))
            let file = try await client.get("/reports/completeness.csv", cookie: cookie)
            #expect(file.status == .ok && file.text.hasPrefix("day,area_id"))
            // The grid worker's page: the form prefilled, then what was sent.
            let worker = try await client.signIn(try city.account("grid"))
            #expect(try await client.get("/reports", cookie: worker, language: "en").text.contains("Households screened"))
            let sent = try await client.postForm("/reports", ["grid": city.city.grids[0].area.id, "zero": "1"], cookie: worker)
            #expect(sent.status == .seeOther)
            #expect(try await client.get("/reports", cookie: worker, language: "en").text.contains("Submitted "))
        }
        try await city.close()
    }

    @Test("a grid worker cannot see or act on another grid: 403, audited", arguments: Backend.available)
    func otherGrid(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let command = try await staff(city, "command")
        let other = city.city.grids[city.city.grids.count - 1].area
        let task = try await city.services.tasks.create(
            grid: other.id, note: "check the gate", due: city.services.clock.now().addingTimeInterval(3600), person: nil, as: command)
        let foreign = try #require(try await store.residents(within: other.path, after: nil, limit: 20).first { $0.householdID != nil })
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            #expect(try await client.postForm("/grid/tasks/\(task.id)", ["state": "done"], cookie: cookie).status == .forbidden)
            #expect(try await client.get("/households/\(try #require(foreign.householdID))/visit", cookie: cookie).status == .forbidden)
            #expect(try await client.get("/reports/completeness.csv?area=\(other.id)", cookie: cookie).status == .forbidden)
            #expect(try await client.postForm("/reports", ["grid": other.id, "zero": "1"], cookie: cookie).status == .forbidden)
            // Their own list does not show the other grid's task.
            #expect(!(try await client.get("/grid", cookie: cookie).text.contains(task.id)))
        }
        let denials = try await store.recentAudit(subjectID: task.id, limit: 10).filter { $0.event.action == "access.denied" && $0.event.actor == "staff:acct-grid" }
        #expect(denials.count == 1)
        #expect(try await store.task(id: task.id)?.state == .open)
        try await city.close()
    }

    @Test("an overdue task escalates to the community officer (audited) and a failed task needs a reason", arguments: Backend.available)
    func escalation(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let community = try await staff(city, "community")
        let grid = city.city.grids[0].area
        let service = city.services.tasks
        let late = try await service.create(grid: grid.id, note: "visit", due: city.services.clock.now().addingTimeInterval(-3600), person: nil, as: community)
        let escalated = try await service.escalate()
        let raised = try #require(escalated.first { $0.id == late.id })
        #expect(raised.escalation == 1)
        #expect(try await service.escalate().filter { $0.id == late.id }.isEmpty)  // not again within the hour
        let audit = try await city.services.store.recentAudit(subjectID: late.id, limit: 10)
        let communityID = try #require(Escalation.area(gridPath: grid.path, level: 1))
        #expect(audit.contains { $0.event.action == "task.escalate" && $0.event.detail == "level 1 to \(communityID)" })
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("community"))
            let page = try await client.get("/grid", cookie: cookie, language: "en")
            // The area by name, not its code.
            let communityName = try #require(try await city.services.store.area(id: communityID)?.name)
            #expect(page.text.contains(late.id) && page.text.contains("escalated to \(communityName)"))
            let worker = try await client.signIn(try city.account("grid"))
            // A position that is not one (NaN parses as a Double) is ignored, not a crash.
            #expect(try await client.get("/grid?lat=nan&lon=inf", cookie: worker).status == .ok)
            let refused = try await client.postForm("/grid/tasks/\(late.id)", ["state": "failed", "reason": " "], cookie: worker, language: "en")
            #expect(refused.status == .seeOther && (refused.headers[.location] ?? "").contains("message="))
            #expect(refused.headers[.location]?.removingPercentEncoding?.contains("Reason: say why the task could not be done.") == true)
            let refusedZh = try await client.postForm("/grid/tasks/\(late.id)", ["state": "failed", "reason": " "], cookie: worker)
            #expect(refusedZh.headers[.location]?.removingPercentEncoding?.contains("原因：任务未完成时请写明原因。") == true)
            #expect(try await client.postForm("/grid/tasks/\(late.id)", ["state": "failed", "reason": "nobody home"], cookie: worker).status == .seeOther)
        }
        let closed = try #require(try await city.services.store.task(id: late.id))
        #expect(closed.state == .failed && closed.stateReason == "nobody home")
        // A write from a stale copy (escalation racing the worker) changes nothing.
        var stale = raised
        stale.escalation = 2
        #expect(try await city.services.store.updateTask(stale, from: raised, audit: city.services.clock.event("test", .taskEscalate)) == false)
        #expect(try await city.services.store.task(id: late.id)?.state == .failed)
        try await city.close()
    }

    @Test("only tasks due for their next level are picked for escalation, longest overdue first: a backlog at its level cannot starve newer ones",
        arguments: Backend.available)
    func escalationCandidates(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let store = city.services.store
        let grid = city.city.grids[0].area
        let now = city.services.clock.now()
        func task(_ id: String, overdueHours: Double, level: Int) -> GridTask {
            GridTask(
                id: id, kind: .manual, factKey: "test:\(id)", gridID: grid.id, gridPath: grid.path, note: id, createdAt: now.addingTimeInterval(-400 * 3600),
                createdBy: "test", dueAt: now.addingTimeInterval(-overdueHours * 3600), escalation: level)
        }
        let atTop = (0..<5).map { task("TOP-\($0)", overdueHours: 300, level: 3) }  // nowhere left to go
        let waiting = (0..<5).map { task("WAIT-\($0)", overdueHours: 20, level: 2) }  // level 3 comes at 24 h
        let dueNext = task("NEXT", overdueHours: 13, level: 1)  // level 2 is due at 12 h
        let fresh = task("FRESH", overdueHours: 1, level: 0)
        let notYet = task("LATER", overdueHours: -1, level: 0)
        _ = try await store.insertTasks(atTop + waiting + [dueNext, fresh, notYet], audit: nil)
        let picked = try await store.tasksDueForEscalation(at: now, every: 12 * 3600, limit: 2)
        #expect(picked.map(\.id) == ["NEXT", "FRESH"])
        // Escalating them takes them out of the candidates until their next level is due.
        let escalated = try await city.services.tasks.escalate()
        #expect(Set(escalated.map(\.id)).isSuperset(of: ["NEXT", "FRESH"]))
        #expect(try await store.tasksDueForEscalation(at: now, every: 12 * 3600, limit: 100).filter { ["NEXT", "FRESH"].contains($0.id) }.isEmpty)
        try await city.close()
    }

    @Test("the quarantine list is paged and counted in the store, narrows to an area of the jurisdiction and refuses one outside it",
        arguments: Backend.available)
    func quarantinePaged(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let now = city.services.clock.now()
        let grid = city.city.grids[0].area
        let people = try await store.residents(within: grid.path, after: nil, limit: 60)
        #expect(people.count == 60)
        try await store.replaceExposures(
            caseID: "CASE-P", with: people.map { ContactExposure(person: $0.id, caseID: "CASE-P", category: .close, lastExposure: now.addingTimeInterval(-3600)) },
            audit: nil)
        _ = try await city.services.statuses.refresh(people.map(\.id))
        let foreign = city.city.grids[city.city.grids.count - 1].area
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("community"))
            let first = try await client.get("/grid/quarantine", cookie: cookie, language: "en")
            #expect(first.status == .ok)
            let communityID = try #require(try city.account("community").jurisdiction)
            let community = try #require(try await store.area(id: communityID))
            let total = try await store.quarantined(within: AreaPath(community.path), since: now.addingTimeInterval(-86_400 * 40), page: PageRequest()).total
            #expect(total >= 60)
            #expect(first.text.contains("1–50 of \(total)") && first.text.contains("page=2"))
            #expect(first.text.components(separatedBy: "action=\"/grid/quarantine/").count - 1 == 50)
            let second = try await client.get("/grid/quarantine?page=2", cookie: cookie, language: "en")
            #expect(second.text.contains("51–\(min(100, total)) of \(total)"))
            // Narrowed to the grid: only its people, and the filter says where.
            let narrowed = try await client.get("/grid/quarantine?area=\(grid.id)", cookie: cookie, language: "zh-CN")
            #expect(narrowed.text.contains("共 60 条") && narrowed.text.contains(grid.name))
            let refused = try await client.get("/grid/quarantine?area=\(foreign.id)", cookie: cookie, language: "en")
            #expect(refused.status == .forbidden)
        }
        try await city.close()
    }

    @Test("quarantine follow-up: a sighting is that day's check-in; rosters show the gaps of the next 24 hours; reassignment keeps history",
        arguments: Backend.available)
    func followUpRostersAssignments(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let now = city.services.clock.now()
        let person = try #require(try await store.residents(within: city.city.grids[0].area.path, after: nil, limit: 1).first)
        try await store.replaceExposures(
            caseID: "CASE-F", with: [ContactExposure(person: person.id, caseID: "CASE-F", category: .close, lastExposure: now.addingTimeInterval(-86_400))], audit: nil)
        _ = try await city.services.statuses.refresh(person.id)
        let worker = try await staff(city, "grid")
        let entries = try await city.services.followUps.quarantined(as: worker).items
        #expect(entries.map(\.resident.id).contains(person.id))
        // "hot" is no temperature: refused with the person named, nothing recorded.
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            let refused = try await client.postForm("/grid/quarantine/\(person.id)", ["outcome": "well", "temperature": "hot"], cookie: cookie)
            #expect(refused.headers[.location]?.removingPercentEncoding?.contains("\(Masking.name(person.name)) 的体温：“hot”") == true)
            #expect(refused.headers[.location]?.contains(person.id + "%20") == false)
        }
        #expect(try await city.services.followUps.quarantined(as: worker).items.first { $0.resident.id == person.id }?.sheet.today == nil)
        try await city.services.followUps.record(person.id, outcome: .well, temperature: 36.6, as: worker)
        #expect(try await store.checkIns(person: person.id, since: now.addingTimeInterval(-60)).contains { $0.by.hasPrefix("follow-up:") })
        #expect(try await city.services.followUps.quarantined(as: worker).items.first { $0.resident.id == person.id }?.sheet.today?.outcome == .well)
        // Corrected the same day to "not seen": the sighting's check-in goes with it.
        try await city.services.followUps.record(person.id, outcome: .notSeen, temperature: nil, as: worker)
        #expect(!(try await store.checkIns(person: person.id, since: now.addingTimeInterval(-60)).contains { $0.by.hasPrefix("follow-up:") }))

        let operatorAccount = try await staff(city, "community")
        let gate = "CP-\(try #require(city.account("checkpoint").jurisdiction))"
        let rosters = city.services.rosters
        await #expect(throws: RosterService.RosterError.nobody) {
            try await rosters.plan(at: gate, from: now, to: now.addingTimeInterval(3600), staff: [" "], as: operatorAccount)
        }
        try await rosters.plan(at: gate, from: now.addingTimeInterval(-3600), to: now.addingTimeInterval(8 * 3600), staff: ["王五", "grid"], as: operatorAccount)
        let roster = try #require(try await rosters.rosters(as: operatorAccount).first { $0.place.id == gate })
        #expect(roster.shifts.count == 1 && roster.gaps.count == 1)
        #expect(abs((roster.gaps.first?.from.timeIntervalSince(now) ?? 0) - 8 * 3600) < 1)

        let admin = try await staff(city, "admin")
        let other = city.city.grids[city.city.grids.count - 1].area
        try await city.services.assignments.assign(account: "acct-grid", to: other.id, as: admin)
        let history = try await store.assignments(accountID: "acct-grid")
        #expect(history.count == 2 && history[0].areaID == city.city.grids[0].area.id && history[0].to != nil)
        #expect(history.last?.areaID == other.id && history.last?.to == nil)
        #expect(try await store.account(id: "acct-grid")?.jurisdictionID == other.id)
        await #expect(throws: AssignmentService.AssignmentError.wrongLevel(role: .gridWorker, level: .community)) {
            try await city.services.assignments.assign(account: "acct-grid", to: try #require(city.account("community").jurisdiction), as: admin)
        }
        // Back through the page, by the admin; the grid worker may not reassign anyone.
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("admin"))
            #expect(try await client.get("/assignments", cookie: cookie).text.contains("acct-grid"))
            // An area that does not exist: the form comes back as typed, why in the page's language.
            let wrong = try await client.postForm("/assignments/acct-grid", ["area": "不存在的网格"], cookie: cookie, language: "zh-CN")
            let back = try await client.get(try #require(wrong.headers[.location]), cookie: cookie, language: "zh-CN").text
            #expect(back.contains("区域：您的辖区内没有名称或编码为“不存在的网格”的区域。") && back.contains(#"value="不存在的网格""#))
            let moved = try await client.postForm("/assignments/acct-grid", ["area": city.city.grids[0].area.id], cookie: cookie)
            #expect(moved.status == .seeOther && !(moved.headers[.location] ?? "").contains("problem"))
            let worker = try await client.signIn(try city.account("grid2"))
            #expect(try await client.get("/assignments", cookie: worker).status == .forbidden)
        }
        let again = try await store.assignments(accountID: "acct-grid")
        #expect(again.count == 3 && again[1].to != nil && again[2].areaID == city.city.grids[0].area.id)
        try await city.close()
    }
}

@Suite("Late daily reports")
struct LateReportTests {
    @Test("a report sent after the day's cut-off is late, in the store and in the CSV, and a correction stays late", arguments: Backend.available)
    func lateAfterCutoff(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let base = city.services
        let today = base.reports.today()
        let profile = base.profiles.profile
        // 20:35 on the city's clock, with the default cut-off at 20:00.
        #expect(profile.grid.reportCutoffMinutes == 20 * 60)
        let evening = ReportDay(offsetMinutes: profile.colours.dayOffsetMinutes).start(of: today).addingTimeInterval(Double(20 * 3600 + 35 * 60))
        let later = CordonServices(settings: base.settings, store: base.store, vault: base.vault, logger: base.logger, profile: profile, now: { evening })
        #expect(later.reports.isLate(evening, for: today))
        #expect(!later.reports.isLate(evening.addingTimeInterval(-3600), for: today))

        // A grid the demo left unreported today, and its worker.
        let reported = Set(try await base.store.reportSubmissions(within: "/", day: today).map(\.gridID))
        let grid = try #require(try await base.store.grids(within: "/").first { !reported.contains($0.id) })
        let worker = Principal(subject: .staff(accountID: "T-GRID"), role: .gridWorker, displayName: "网格员", jurisdictionID: grid.id, jurisdictionPath: grid.path)
        let report = try await later.reports.submit(grid: grid.id, day: today, figures: ReportFigures(householdsScreened: 3), zero: false, as: worker)
        #expect(report.late)
        let stored = try await base.store.reportSubmissions(within: grid.path, day: today)
        #expect(stored.map(\.late) == [true])
        let csv = try await later.reports.csv(of: grid.id, day: today, as: worker)
        let row = try #require(csv.split(separator: "\n").dropFirst().first).split(separator: ",", omittingEmptySubsequences: false)
        #expect(row[6] == "1", "late column of \(csv)")
        // A correction keeps the first submission's timeliness.
        #expect(try await later.reports.submit(grid: grid.id, day: today, figures: ReportFigures(householdsScreened: 4), zero: false, as: worker).late)
        try await city.close()
    }
}
