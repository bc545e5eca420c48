import Domain
import Foundation
import GridWork
import Testing

@Suite("Grid work rules")
struct GridWorkTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let home = Home(gridID: "G1", gridPath: "/C/D/S/M/G1/", household: "H1", compound: "CP1", latitude: 30.25, longitude: 120.16)

    @Test("each rule makes one task per fact, in the person's grid, due by the profile; secondary contacts and low-risk arrivals make none")
    func rules() {
        let rules = TaskRules(grid: .standard, colours: .standard, now: now)
        let arrivals = [
            Arrival(id: "A1", person: "P1", from: "420100", arrivedAt: now.addingTimeInterval(-3600)),
            Arrival(id: "A2", person: "P1", from: "110100", arrivedAt: now.addingTimeInterval(-3600)),
        ]
        let verify = rules.verifyArrivals(arrivals, homes: ["P1": home])
        #expect(verify.map(\.factKey) == ["verify-arrival:A1"])
        #expect(verify.first?.gridID == "G1")
        #expect(verify.first?.dueAt == now.addingTimeInterval(-3600 + 24 * 3600))
        #expect(verify == rules.verifyArrivals(arrivals, homes: ["P1": home]))  // same facts, same tasks (ids too)

        let exposures = [
            ContactExposure(person: "P2", caseID: "C1", category: .close, lastExposure: now),
            ContactExposure(person: "P3", caseID: "C1", category: .secondary, lastExposure: now),
        ]
        #expect(rules.quarantineOrders(exposures, homes: ["P2": home, "P3": home]).map(\.factKey) == ["quarantine-order:P2:C1"])

        let other = Home(gridID: "G2", gridPath: "/C/D/S/M/G2/", household: "H9", compound: "CP1")
        let screening = rules.screenings(cases: ["C1"], homes: ["C1": home], householdsByCompound: ["CP1": [home, other, home]])
        #expect(screening.map(\.factKey) == ["screening:C1:CP1:G1", "screening:C1:CP1:G2"])
        #expect(screening.map(\.gridID) == ["G1", "G2"])
        #expect(screening.first?.note == "C1 · CP1 · 2")  // case, compound, households

        let day = CalendarDate(year: 2026, month: 5, day: 1)!
        #expect(rules.missedCheckIns([(person: "P2", day: day)], homes: ["P2": home]).map(\.factKey) == ["missed-check-in:P2:2026-05-01"])
        #expect(rules.missedCheckIns([(person: "P4", day: day)], homes: [:]).isEmpty)  // not a resident here
    }

    @Test("an overdue task climbs to the community, the street, then the district, one level every escalateEveryHours")
    func escalation() {
        var task = GridTask(id: "T", kind: .manual, factKey: "k", gridID: "G1", gridPath: home.gridPath, note: "", createdAt: now, createdBy: "x", dueAt: now)
        let rules = GridRules.standard
        #expect(Escalation.level(of: task, at: now.addingTimeInterval(-1), rules: rules) == 0)
        #expect(Escalation.level(of: task, at: now.addingTimeInterval(3600), rules: rules) == 1)
        #expect(Escalation.level(of: task, at: now.addingTimeInterval(13 * 3600), rules: rules) == 2)
        #expect(Escalation.level(of: task, at: now.addingTimeInterval(100 * 3600), rules: rules) == 3)
        #expect([1, 2, 3].map { Escalation.area(gridPath: home.gridPath, level: $0) } == ["M", "S", "D"])
        task.state = .done
        #expect(Escalation.level(of: task, at: now.addingTimeInterval(100 * 3600), rules: rules) == 0)
    }

    @Test("completeness counts grids, reports, zero and late reports per child area and lists the missing grids")
    func completeness() {
        let grids = [("G1", "/C/D/S1/M1/G1/"), ("G2", "/C/D/S1/M1/G2/"), ("G3", "/C/D/S1/M2/G3/"), ("G4", "/C/D/S2/M3/G4/")]
        let c = Completeness(
            rootPath: "/C/D/", rootID: "D", grids: grids.map { (id: $0.0, path: $0.1) },
            submissions: [.init(gridID: "G1", zero: true, late: false), .init(gridID: "G3", zero: false, late: true), .init(gridID: "G4", zero: false, late: false)])
        #expect(c.total.grids == 4 && c.total.submitted == 3 && c.total.zero == 1 && c.total.late == 1 && c.total.missing == 1)
        #expect(c.children.map(\.areaID) == ["S1", "S2"])
        #expect(c.children.map(\.missing) == [1, 0])
        #expect(c.missing.map(\.id) == ["G2"])
    }

    @Test("nearest first: by distance from the worker, tasks without a position last")
    func nearest() {
        func task(_ id: String, _ lat: Double?, _ lon: Double?) -> GridTask {
            GridTask(id: id, kind: .manual, factKey: id, gridID: "G", gridPath: "/G/", note: "", createdAt: now, createdBy: "x", dueAt: now, latitude: lat, longitude: lon)
        }
        let sorted = NearestFirst.sort([task("far", 30.30, 120.20), task("none", nil, nil), task("near", 30.2501, 120.1601)], latitude: 30.25, longitude: 120.16)
        #expect(sorted.map(\.id) == ["near", "far", "none"])
        let metres = NearestFirst.metres(task("x", 30.26, 120.16), latitude: 30.25, longitude: 120.16) ?? 0
        #expect(abs(metres - 1112) < 5)
    }

    @Test("a person unseen on each of the last lostAfterDays days is lost to follow-up; a check-in of their own counts as seen")
    func lost() {
        let today = CalendarDate(year: 2026, month: 5, day: 10)!
        func day(_ d: Int) -> CalendarDate { CalendarDate(year: 2026, month: 5, day: d)! }
        let notSeen = [8, 9].map { FollowUp(id: "F\($0)", person: "P", day: day($0), outcome: .notSeen, by: "w", at: now) }
        let since = day(5)
        #expect(FollowUpSheet(person: "P", followUps: notSeen, checkInDays: [], since: since, today: today, lostAfterDays: 2).lost)
        #expect(!FollowUpSheet(person: "P", followUps: notSeen, checkInDays: [day(9)], since: since, today: today, lostAfterDays: 2).lost)
        let seen = FollowUpSheet(person: "P", followUps: notSeen + [FollowUp(id: "F10", person: "P", day: today, outcome: .well, by: "w", at: now)],
            checkInDays: [day(6)], since: since, today: today, lostAfterDays: 2)
        #expect(seen.today?.outcome == .well && seen.daysSeen == 2)
        // Quarantine began yesterday: too early to be lost.
        #expect(!FollowUpSheet(person: "P", followUps: [], checkInDays: [], since: day(9), today: today, lostAfterDays: 2).lost)
    }

    @Test("roster gaps: the window minus the staffed shifts; a shift with nobody on it does not count")
    func gaps() {
        let h = { (n: Double) in self.now.addingTimeInterval(n * 3600) }
        let shifts = [
            DutyShift(id: "a", place: "CP", startsAt: h(-2), endsAt: h(8), staff: ["x"]),
            DutyShift(id: "b", place: "CP", startsAt: h(8), endsAt: h(16), staff: []),
            DutyShift(id: "c", place: "CP", startsAt: h(12), endsAt: h(20), staff: ["y"]),
        ]
        let gaps = RosterGaps.gaps(shifts, from: h(0), to: h(24))
        #expect(gaps.map(\.from) == [h(8), h(20)])
        #expect(gaps.map(\.to) == [h(12), h(24)])
    }
}
