import Domain
import Foundation
import Testing
import TestSupport

/// Grid work (tasks, escalation, visits, follow-ups, daily reports, duty rosters) on SQLite and
/// PostgreSQL alike.
@Suite("Grid store contract")
struct GridStoreContractTests {
    typealias C = StoreContractTests
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
    static let hour: TimeInterval = 3600
    static let day0 = CalendarDate(iso: "2023-11-13")!
    static let day1 = CalendarDate(iso: "2023-11-14")!
    static let day2 = CalendarDate(iso: "2023-11-15")!
    static let audit = AuditEvent(at: t0, actor: "test", action: "grid.test")

    static func task(
        _ id: String, grid: Area, due: Date, state: TaskState = .open, escalation: Int = 0
    ) -> GridTask {
        GridTask(
            id: id, kind: .missedCheckIn, factKey: "fact:\(id)", gridID: grid.id, gridPath: grid.path, person: "P-\(id)", note: "回访 \(id)",
            createdAt: t0 - 86400, createdBy: "rules", dueAt: due, state: state, escalation: escalation)
    }

    static func auditCount(_ store: any CordonStore) async throws -> Int {
        try await store.auditEntries(after: 0, limit: 10_000).count
    }

    /// Submissions as comparable text; the stores promise no order for them.
    static func submitted(_ rows: [(gridID: String, zero: Bool, late: Bool)]) -> [String] {
        rows.map { "\($0.gridID) zero=\($0.zero) late=\($0.late)" }.sorted()
    }

    @Test("daily reports are kept one per grid and day, re-submission replaces, and are read by area and day", arguments: Backend.available)
    func dailyReports(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        // A grid sorting before the others, and a grid of another district that must never show.
        let grid0 = Area(id: "G-0", name: "网格0", level: .grid, parentID: "330102", path: "/330100/330102/G-0/")
        let otherDistrict = Area(id: "330103", name: "下城区", level: .district, parentID: "330100", path: "/330100/330103/")
        let gridC = Area(id: "G-C", name: "网格C", level: .grid, parentID: "330103", path: "/330100/330103/G-C/")
        _ = try await store.insertAreas([grid0, otherDistrict, gridC], audit: nil)

        // Completeness lists grids only (not the district), by path, with their names.
        let grids = try await store.grids(within: C.district.path)
        #expect(grids.map { "\($0.id) \($0.path) \($0.name)" } == [
            "G-0 /330100/330102/G-0/ 网格0", "G-A /330100/330102/G-A/ 网格A", "G-B /330100/330102/G-B/ 网格B",
        ])
        #expect(try await store.grids(within: C.gridA.path).map { $0.id } == ["G-A"])
        #expect(try await store.grids(within: C.city.path).map { $0.id } == ["G-0", "G-A", "G-B", "G-C"])

        let figures = ReportFigures(householdsScreened: 12, arrivalsVerified: 3, inQuarantine: 2, feversFound: 1, tasksDone: 4, tasksOverdue: 1)
        let a = DailyReport(
            gridID: "G-A", gridPath: C.gridA.path, day: Self.day1, figures: figures, zero: false, submittedBy: "grid-a", submittedAt: Self.t0, late: false)
        let b = DailyReport(
            gridID: "G-B", gridPath: C.gridB.path, day: Self.day1, figures: ReportFigures(), zero: true, submittedBy: "grid-b",
            submittedAt: Self.t0 + Self.hour, late: true)
        let c = DailyReport(
            gridID: "G-C", gridPath: gridC.path, day: Self.day1, figures: ReportFigures(householdsScreened: 1), zero: false, submittedBy: "grid-c",
            submittedAt: Self.t0, late: false)
        let aBefore = DailyReport(
            gridID: "G-A", gridPath: C.gridA.path, day: Self.day0, figures: ReportFigures(feversFound: 2), zero: false, submittedBy: "grid-a",
            submittedAt: Self.t0 - 86400, late: false)

        // Several grids in one call make one audit entry.
        let before = try await Self.auditCount(store)
        try await store.saveDailyReports([a, b, c], audit: Self.audit)
        #expect(try await Self.auditCount(store) == before + 1)
        try await store.saveDailyReport(aBefore, audit: Self.audit)
        #expect(try await Self.auditCount(store) == before + 2)

        #expect(try await store.dailyReports(within: C.gridA.path, day: Self.day1) == [a])
        #expect(try await store.dailyReports(within: C.district.path, day: Self.day1).sorted { $0.gridID < $1.gridID } == [a, b])
        #expect(try await store.dailyReports(within: C.district.path, day: Self.day0) == [aBefore])
        #expect(try await store.dailyReports(within: C.district.path, day: Self.day2).isEmpty)
        #expect(Self.submitted(try await store.reportSubmissions(within: C.district.path, day: Self.day1)) == ["G-A zero=false late=false", "G-B zero=true late=true"])
        #expect(Self.submitted(try await store.reportSubmissions(within: C.gridB.path, day: Self.day1)) == ["G-B zero=true late=true"])
        #expect(try await store.reportSubmissions(within: grid0.path, day: Self.day1).isEmpty)  // G-0 is missing that day

        // A grid re-submits after the cut-off as a zero report: the day's row is replaced, not added.
        var again = a
        again.figures = ReportFigures()
        again.zero = true
        again.late = true
        again.submittedAt = Self.t0 + 2 * Self.hour
        try await store.saveDailyReport(again, audit: Self.audit)
        #expect(try await store.dailyReports(within: C.gridA.path, day: Self.day1) == [again])
        #expect(try await store.dailyReports(within: C.gridA.path, day: Self.day0) == [aBefore])
        #expect(Self.submitted(try await store.reportSubmissions(within: C.district.path, day: Self.day1)) == ["G-A zero=true late=true", "G-B zero=true late=true"])
        #expect(Self.submitted(try await store.reportSubmissions(within: C.city.path, day: Self.day1)).count == 3)
        try await store.close()
    }

    @Test("tasks are inserted once per fact key, read back whole and listed by area, open first then by due time", arguments: Backend.available)
    func tasks(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let a = C.gridA, b = C.gridB
        let quarantine = GridTask(
            id: "TA1", kind: .quarantineOrder, factKey: "contact:C1:RA", gridID: a.id, gridPath: a.path, person: "RA", household: "H-RA", place: "V1",
            note: "送达隔离通知", createdAt: Self.t0, createdBy: "rules", dueAt: Self.t0 + 2 * Self.hour, latitude: 30.25, longitude: 120.17)
        let started = Self.task("TA2", grid: a, due: Self.t0 + Self.hour, state: .inProgress)
        var closed = Self.task("TA3", grid: a, due: Self.t0 - 2 * Self.hour, state: .done)  // due earliest, yet listed last
        closed.stateReason = "已核实"
        let other = Self.task("TB1", grid: b, due: Self.t0)
        #expect(try await store.insertTasks([quarantine, started, closed, other], audit: Self.audit) == [quarantine, started, closed, other])
        #expect(try await store.task(id: "TA1") == quarantine)
        #expect(try await store.task(id: "TA3") == closed)
        #expect(try await store.task(id: "nope") == nil)

        // A rule run again: a known fact key makes no second task, even under another id.
        var repeated = quarantine
        repeated.id = "TA1-again"
        let fresh = Self.task("TA4", grid: a, due: Self.t0 + 2 * Self.hour)  // same due time as TA1: then by id
        #expect(try await store.insertTasks([repeated, fresh], audit: Self.audit) == [fresh])
        #expect(try await store.task(id: "TA1-again") == nil)
        #expect(try await store.insertTasks([repeated], audit: Self.audit).isEmpty)
        #expect(try await store.existingTaskKeys([quarantine.factKey, other.factKey, "fact:unknown"]) == [quarantine.factKey, other.factKey])
        #expect(try await store.existingTaskKeys([]).isEmpty)

        let every = Set(TaskState.allCases)
        #expect(try await store.tasks(within: a.path, states: every, limit: 10).map(\.id) == ["TA2", "TA1", "TA4", "TA3"])
        #expect(try await store.tasks(within: a.path, states: [.open, .inProgress], limit: 10).map(\.id) == ["TA2", "TA1", "TA4"])
        #expect(try await store.tasks(within: a.path, states: [.done, .failed], limit: 10).map(\.id) == ["TA3"])
        #expect(try await store.tasks(within: b.path, states: every, limit: 10).map(\.id) == ["TB1"])
        #expect(try await store.tasks(within: C.district.path, states: [.open], limit: 10).map(\.id) == ["TB1", "TA1", "TA4"])
        #expect(try await store.tasks(within: C.district.path, states: every, limit: 2).map(\.id) == ["TB1", "TA2"])
        #expect(try await store.tasks(within: "/330100/330103/", states: every, limit: 10).isEmpty)

        // A page of a filtered list, counted in the store; escalated first, then by due time.
        let active = TaskFilter()
        let page = try await store.tasks(within: C.district.path, filter: active, page: PageRequest(offset: 0, limit: 2))
        #expect(page.items.map(\.id) == ["TB1", "TA2"] && page.total == 4 && page.hasNext)
        #expect(try await store.tasks(within: C.district.path, filter: active, page: PageRequest(offset: 2, limit: 2)).items.map(\.id) == ["TA1", "TA4"])
        let orders = try await store.tasks(within: C.district.path, filter: TaskFilter(kind: .quarantineOrder), page: PageRequest())
        #expect(orders.items.map(\.id) == ["TA1"] && orders.total == 1)
        let overdue = try await store.tasks(within: a.path, filter: TaskFilter(states: every, overdueAt: Self.t0 + Self.hour + 1), page: PageRequest())
        #expect(overdue.items.map(\.id) == ["TA2", "TA3"])
        #expect(try await store.tasks(within: a.path, filter: TaskFilter(states: []), page: PageRequest()).total == 0)
        let counts = try await store.taskCounts(within: C.district.path, states: every)
        #expect(
            counts == [
                TaskCount(kind: .quarantineOrder, state: .open, count: 1), TaskCount(kind: .missedCheckIn, state: .open, count: 2),
                TaskCount(kind: .missedCheckIn, state: .inProgress, count: 1), TaskCount(kind: .missedCheckIn, state: .done, count: 1),
            ].sorted { ($0.kind.rawValue, $0.state.rawValue) < ($1.kind.rawValue, $1.state.rawValue) })
        #expect(try await store.taskCounts(within: b.path, states: [.done]).isEmpty)
        try await store.close()
    }

    @Test("a task is updated only from the state and level it was read in; a stale update is refused and not audited", arguments: Backend.available)
    func updateTask(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let open = Self.task("T1", grid: C.gridA, due: Self.t0 + Self.hour)
        _ = try await store.insertTasks([open], audit: nil)
        let before = try await Self.auditCount(store)

        var started = open
        started.state = .inProgress
        started.updatedAt = Self.t0
        started.updatedBy = "grid-a"
        #expect(try await store.updateTask(started, from: open, audit: Self.audit))
        #expect(try await store.task(id: "T1") == started)

        // A second worker still holding the open task: refused, the first one's change stands.
        var failed = open
        failed.state = .failed
        failed.stateReason = "无人应门"
        #expect(try await store.updateTask(failed, from: open, audit: Self.audit) == false)
        #expect(try await store.task(id: "T1") == started)

        // Escalation moved it on while the worker's page still showed level 0: the worker's close is refused.
        var escalated = started
        escalated.escalation = 1
        escalated.updatedBy = "system:escalation"
        #expect(try await store.updateTask(escalated, from: started, audit: Self.audit))
        var staleDone = started
        staleDone.state = .done
        #expect(try await store.updateTask(staleDone, from: started, audit: Self.audit) == false)
        #expect(try await store.task(id: "T1") == escalated)

        // Read again, the close goes through, and the lists see the new state.
        var done = escalated
        done.state = .done
        done.updatedAt = Self.t0 + 60
        #expect(try await store.updateTask(done, from: escalated, audit: Self.audit))
        #expect(try await store.task(id: "T1") == done)
        #expect(try await store.tasks(within: C.gridA.path, states: [.open, .inProgress], limit: 10).isEmpty)
        #expect(try await store.tasks(within: C.gridA.path, states: [.done], limit: 10) == [done])

        let unknown = Self.task("T-unknown", grid: C.gridA, due: Self.t0)
        #expect(try await store.updateTask(unknown, from: unknown, audit: Self.audit) == false)
        #expect(try await Self.auditCount(store) == before + 3)  // only the three updates that were written
        try await store.close()
    }

    @Test("escalation picks only open tasks past their next level, longest overdue first", arguments: Backend.available)
    func escalation(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let a = C.gridA, b = C.gridB, h = Self.hour, t0 = Self.t0
        let levelZero = Self.task("E-A", grid: a, due: t0 - 600)  // overdue at level 0: due
        let tasks = [
            levelZero,
            Self.task("E-B", grid: b, due: t0 - 1.5 * h, escalation: 1),  // 1.5 intervals late at level 1: due
            Self.task("E-C", grid: a, due: t0 - 0.5 * h, escalation: 1),  // at its level already
            Self.task("E-D", grid: a, due: t0 - 7 * h, state: .inProgress, escalation: 3),  // at the top
            Self.task("E-E", grid: b, due: t0 - 2 * h, state: .done),  // closed
            Self.task("E-F", grid: a, due: t0 + 600),  // not yet due
            Self.task("E-G", grid: b, due: t0 - 2.5 * h, state: .inProgress, escalation: 2),  // 2.5 intervals late at level 2: due
            Self.task("E-H", grid: a, due: t0 - 6 * h, state: .failed),  // closed
        ]
        _ = try await store.insertTasks(tasks, audit: nil)
        // The older tasks at their level (E-C, E-D) do not take the page from E-A.
        #expect(try await store.tasksDueForEscalation(at: t0, every: h, limit: 3).map(\.id) == ["E-G", "E-B", "E-A"])
        #expect(try await store.tasksDueForEscalation(at: t0, every: h, limit: 1).map(\.id) == ["E-G"])
        #expect(try await store.tasksDueForEscalation(at: t0, every: h, limit: 10).first == tasks[6])

        var levelOne = levelZero
        levelOne.escalation = 1
        #expect(try await store.updateTask(levelOne, from: levelZero, audit: Self.audit))
        #expect(try await store.tasksDueForEscalation(at: t0, every: h, limit: 10).map(\.id) == ["E-G", "E-B"])
        // An interval later, every open task below level 3 is due again.
        #expect(try await store.tasksDueForEscalation(at: t0 + h, every: h, limit: 10).map(\.id) == ["E-G", "E-B", "E-C", "E-A", "E-F"])
        try await store.close()
    }

    @Test("duty shifts are saved by id (again replaces) and read by place, overlapping a half-open window, by start", arguments: Backend.available)
    func shifts(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let midnight = Date(timeIntervalSince1970: 1_699_920_000)  // 2023-11-14 00:00 UTC
        let h = Self.hour
        let night = DutyShift(id: "S3", place: "GATE-B", startsAt: midnight, endsAt: midnight + 8 * h, staff: ["王五"])
        var day = DutyShift(id: "S1", place: "GATE-A", startsAt: midnight + 8 * h, endsAt: midnight + 16 * h, staff: ["张三", "志愿者李四"])
        var evening = DutyShift(id: "S2", place: "GATE-A", startsAt: midnight + 16 * h, endsAt: midnight + 24 * h, staff: ["赵六"])
        let elsewhere = DutyShift(id: "S4", place: "GATE-C", startsAt: midnight + 8 * h, endsAt: midnight + 16 * h, staff: ["钱七"])
        for s in [evening, day, elsewhere, night] { try await store.saveShift(s, audit: Self.audit) }

        #expect(try await store.shift(id: "S1") == day)
        #expect(try await store.shift(id: "nope") == nil)
        let places = ["GATE-A", "GATE-B"]
        #expect(try await store.shifts(places: places, from: midnight, to: midnight + 24 * h) == [night, day, evening])
        #expect(try await store.shifts(places: ["GATE-B"], from: midnight, to: midnight + 24 * h) == [night])
        #expect(try await store.shifts(places: places, from: midnight + 10 * h, to: midnight + 11 * h) == [day])  // spans the window
        #expect(try await store.shifts(places: places, from: midnight + 16 * h, to: midnight + 17 * h) == [evening])  // day ended at 16:00
        #expect(try await store.shifts(places: places, from: midnight + 7 * h, to: midnight + 8 * h) == [night])  // day starts at 08:00
        #expect(try await store.shifts(places: places, from: midnight + 24 * h, to: midnight + 48 * h).isEmpty)
        #expect(try await store.shifts(places: [], from: midnight, to: midnight + 24 * h).isEmpty)

        // Saving again replaces: the actual start and end are recorded, and a moved start moves it in the order.
        day.startedAt = midnight + 8 * h + 120
        day.endedAt = midnight + 16 * h + 300
        day.staff.append("孙八")
        try await store.saveShift(day, audit: Self.audit)
        evening.startsAt = midnight + 6 * h
        try await store.saveShift(evening, audit: Self.audit)
        #expect(try await store.shift(id: "S1") == day)
        #expect(try await store.shifts(places: places, from: midnight, to: midnight + 24 * h) == [night, evening, day])
        #expect(try await store.shifts(places: places, from: midnight + 7 * h, to: midnight + 8 * h) == [night, evening])
        // A shift moved to another checkpoint is found there, not under the gate it left.
        var moved = night
        moved.place = "GATE-C"
        try await store.saveShift(moved, audit: Self.audit)
        #expect(try await store.shifts(places: ["GATE-B"], from: midnight, to: midnight + 24 * h).isEmpty)
        #expect(try await store.shifts(places: ["GATE-C"], from: midnight, to: midnight + 24 * h).map(\.id) == ["S3", "S4"])
        try await store.close()
    }

    @Test("screening coverage: a compound's households by building, visited ones counted once in the window, numbered buildings in order", arguments: Backend.available)
    func buildingCoverage(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        func member(_ id: String, household: String, building: String?, compound: String = "CP-1") throws -> SealedResident {
            var r = try C.resident(id, grid: C.gridA, idNumber: "11010519491231002X", phone: "13700000001")
            (r.householdID, r.compoundID, r.building) = (household, compound, building)
            return r
        }
        _ = try await store.insertResidents(
            [try member("B1", household: "HB1", building: "10"), try member("B2", household: "HB1", building: "10"), try member("B3", household: "HB2", building: "2"),
             try member("B4", household: "HB3", building: "2"), try member("B5", household: "HB4", building: nil), try member("B6", household: "HB5", building: "2", compound: "CP-2")],
            audit: nil)
        #expect(try await store.resident(id: "B1")?.building == "10")
        for (id, household, at) in [("VB1", "HB2", Self.t0), ("VB2", "HB2", Self.t0 + 60), ("VB3", "HB1", Self.t0 + 120), ("VB4", "HB3", Self.t0 - 86_400)] {
            try await store.insertVisit(HouseholdVisit(id: id, household: household, gridPath: C.gridA.path, at: at, by: "grid-a", members: []), audit: Self.audit)
        }
        let coverage = try await store.buildingCoverage(compound: "CP-1", from: Self.t0, to: Self.t0 + 86_400)
        #expect(coverage == [
            BuildingCoverage(building: "2", households: 2, visited: 1), BuildingCoverage(building: "10", households: 1, visited: 1),
            BuildingCoverage(building: nil, households: 1, visited: 0),
        ])
        try await store.close()
    }

    @Test("a household visit is stored with its members' check-ins and read by area and half-open time window", arguments: Backend.available)
    func visits(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let v1 = HouseholdVisit(
            id: "V1", household: "H-RA", gridPath: C.gridA.path, at: Self.t0, by: "grid-a",
            members: [
                MemberCheck(person: "RA", present: true, temperature: 36.5),
                MemberCheck(person: "RX", present: true, temperature: 38.2, symptoms: ["cough"]),
                MemberCheck(person: "RZ", present: false),
            ], travel: "武汉 11-01 至 11-05")
        let v2 = HouseholdVisit(id: "V2", household: "H-RC", gridPath: C.gridA.path, at: Self.t0 + Self.hour, by: "grid-a", members: [])
        let v3 = HouseholdVisit(
            id: "V3", household: "H-RB", gridPath: C.gridB.path, at: Self.t0 + 1800, by: "grid-b", members: [MemberCheck(person: "RB", present: true, temperature: 36.8)])
        for v in [v2, v1, v3] { try await store.insertVisit(v, audit: Self.audit) }

        // Each member seen becomes a check-in submitted by the visit; one not at home makes none.
        #expect(try await store.checkIns(person: "RA", since: Self.t0 - 86400) == [CheckIn(person: "RA", at: Self.t0, temperature: 36.5, symptoms: [], by: "visit:V1")])
        #expect(try await store.checkIns(person: "RX", since: Self.t0 - 86400) == [CheckIn(person: "RX", at: Self.t0, temperature: 38.2, symptoms: ["cough"], by: "visit:V1")])
        #expect(try await store.checkIns(person: "RZ", since: Self.t0 - 86400).isEmpty)

        let dayLater = Self.t0 + 86400
        #expect(try await store.visits(within: C.gridA.path, from: Self.t0, to: dayLater) == [v1, v2])
        #expect(try await store.visits(within: C.gridB.path, from: Self.t0, to: dayLater) == [v3])
        #expect(try await store.visits(within: C.district.path, from: Self.t0, to: dayLater) == [v1, v3, v2])
        #expect(try await store.visits(within: C.gridA.path, from: Self.t0 + 1, to: dayLater) == [v2])
        #expect(try await store.visits(within: C.gridA.path, from: Self.t0, to: Self.t0 + Self.hour) == [v1])
        #expect(try await store.visits(within: C.gridA.path, from: dayLater, to: dayLater + 86400).isEmpty)
        try await store.close()
    }

    @Test("a follow-up is one per person and day: a correction replaces the entry and the check-in the first one made", arguments: Backend.available)
    func followUps(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let since = Self.t0 - 86400
        let own = CheckIn(person: "Q1", at: Self.t0 - Self.hour, temperature: 36.4)
        try await store.insertCheckIn(own, audit: nil)

        let well = FollowUp(id: "F1", person: "Q1", day: Self.day1, outcome: .well, temperature: 36.6, by: "grid-a", at: Self.t0)
        try await store.saveFollowUp(well, audit: Self.audit)
        #expect(try await store.followUps(person: "Q1") == [well])
        #expect(try await store.checkIns(person: "Q1", since: since) == [own, CheckIn(person: "Q1", at: Self.t0, temperature: 36.6, symptoms: [], by: "follow-up:F1")])

        let unwell = FollowUp(id: "F1b", person: "Q1", day: Self.day1, outcome: .unwell, temperature: 38.3, by: "grid-a", at: Self.t0 + 600)
        try await store.saveFollowUp(unwell, audit: Self.audit)
        #expect(try await store.followUps(person: "Q1") == [unwell])
        #expect(
            try await store.checkIns(person: "Q1", since: since)
                == [own, CheckIn(person: "Q1", at: Self.t0 + 600, temperature: 38.3, symptoms: ["unwell"], by: "follow-up:F1b")])

        // Not seen after all: no check-in is left for that day, the person's own one stays.
        let notSeen = FollowUp(id: "F1c", person: "Q1", day: Self.day1, outcome: .notSeen, by: "grid-a", at: Self.t0 + 1200)
        try await store.saveFollowUp(notSeen, audit: Self.audit)
        #expect(try await store.followUps(person: "Q1") == [notSeen])
        #expect(try await store.checkIns(person: "Q1", since: since) == [own])

        let dayBefore = FollowUp(id: "F0", person: "Q1", day: Self.day0, outcome: .well, temperature: 36.5, by: "grid-a", at: Self.t0 - 86400)
        let q2 = FollowUp(id: "F2", person: "Q2", day: Self.day1, outcome: .well, temperature: 36.7, by: "grid-b", at: Self.t0)
        try await store.saveFollowUp(dayBefore, audit: Self.audit)
        try await store.saveFollowUp(q2, audit: Self.audit)
        #expect(try await store.followUps(person: "Q1") == [dayBefore, notSeen])  // by day, not by entry
        #expect(try await store.followUps(person: "Q2") == [q2])
        #expect(try await store.followUps(person: "nobody").isEmpty)
        #expect(try await store.followUps(people: ["Q2", "Q1"], since: Self.day1) == [notSeen, q2])  // by person, then day
        #expect(try await store.followUps(people: ["Q1"], since: Self.day0) == [dayBefore, notSeen])
        #expect(try await store.followUps(people: ["Q1", "Q2"], since: Self.day2).isEmpty)
        #expect(try await store.followUps(people: [], since: Self.day0).isEmpty)
        try await store.close()
    }

    @Test("exposures of residents under an area: any category, at or after a time, by person and case", arguments: Backend.available)
    func exposuresOfResidents(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        _ = try await store.insertResidents(
            [
                try C.resident("RA", grid: C.gridA),
                try C.resident("RB", grid: C.gridB, idNumber: "330102199001011242", phone: "13900000011"),
                try C.resident("RC", grid: C.gridA, idNumber: "330102199001011250", phone: "13900000012"),
            ], audit: nil)
        let t0 = Self.t0
        let raC1 = ContactExposure(person: "RA", caseID: "C1", category: .close, lastExposure: t0, place: "V1")
        let rbC1 = ContactExposure(person: "RB", caseID: "C1", category: .secondary, lastExposure: t0)
        let raC2 = ContactExposure(person: "RA", caseID: "C2", category: .companion, lastExposure: t0 - 3 * 86400)
        let rcC2 = ContactExposure(person: "RC", caseID: "C2", category: .declared, lastExposure: t0 - Self.hour)
        let visitor = ContactExposure(person: "X9", caseID: "C1", category: .close, lastExposure: t0)  // not a resident anywhere
        try await store.replaceExposures(caseID: "C1", with: [raC1, rbC1, visitor], audit: nil)
        try await store.replaceExposures(caseID: "C2", with: [raC2, rcC2], audit: nil)

        #expect(try await store.exposuresOfResidents(within: C.gridA.path, since: t0 - 86400) == [raC1, rcC2])
        #expect(try await store.exposuresOfResidents(within: C.gridA.path, since: t0 - 7 * 86400) == [raC1, raC2, rcC2])
        #expect(try await store.exposuresOfResidents(within: C.gridA.path, since: t0) == [raC1])
        #expect(try await store.exposuresOfResidents(within: C.gridB.path, since: t0 - 86400) == [rbC1])
        #expect(try await store.exposuresOfResidents(within: C.district.path, since: t0 - 86400) == [raC1, rbC1, rcC2])
        #expect(try await store.exposuresOfResidents(within: C.city.path, since: t0 - 7 * 86400) == [raC1, raC2, rbC1, rcC2])
        #expect(try await store.exposuresOfResidents(within: "/330100/330103/", since: t0 - 7 * 86400).isEmpty)
        try await store.close()
    }

    @Test("the quarantine list: red people exposed since a time, under an area, by area then id, paged and counted in the store; check-ins of many people",
        arguments: Backend.available)
    func quarantinedAndCheckIns(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        _ = try await store.insertResidents(
            [
                try C.resident("RA", grid: C.gridA),
                try C.resident("RB", grid: C.gridB, idNumber: "330102199001011242", phone: "13900000011"),
                try C.resident("RC", grid: C.gridA, idNumber: "330102199001011250", phone: "13900000012"),
                try C.resident("RD", grid: C.gridA, idNumber: "330102199001011269", phone: "13900000013"),
            ], audit: nil)
        let t0 = Self.t0
        try await store.replaceExposures(
            caseID: "C1",
            with: [
                ContactExposure(person: "RA", caseID: "C1", category: .close, lastExposure: t0),
                ContactExposure(person: "RB", caseID: "C1", category: .close, lastExposure: t0),
                ContactExposure(person: "RC", caseID: "C1", category: .secondary, lastExposure: t0 - 30 * 86400),  // long ago
                ContactExposure(person: "RD", caseID: "C1", category: .close, lastExposure: t0),
            ], audit: nil)
        func status(_ person: String, _ colour: HealthColour) -> HealthStatus {
            HealthStatus(person: person, colour: colour, reasons: [], until: t0 + 14 * 86400, actions: [], profileVersion: 1, computedAt: t0)
        }
        // RD was exposed but is yellow (released early, say): not in quarantine.
        _ = try await store.saveStatuses([status("RA", .red), status("RB", .red), status("RC", .red), status("RD", .yellow)])

        let city = try await store.quarantined(within: AreaPath(C.city.path), since: t0 - 86400, page: PageRequest(offset: 0, limit: 1))
        #expect(city.total == 2 && city.items.map(\.resident.id) == ["RA"] && city.hasNext)
        #expect(city.items.first?.status.colour == .red && city.items.first?.status.until == t0 + 14 * 86400)
        let second = try await store.quarantined(within: AreaPath(C.city.path), since: t0 - 86400, page: PageRequest(offset: 1, limit: 1))
        #expect(second.items.map(\.resident.id) == ["RB"] && !second.hasNext)
        #expect(try await store.quarantined(within: AreaPath(C.gridB.path), since: t0 - 86400, page: PageRequest()).items.map(\.resident.id) == ["RB"])
        #expect(try await store.quarantined(within: AreaPath(C.city.path), since: t0 - 60 * 86400, page: PageRequest()).total == 3)
        #expect(try await store.quarantined(within: AreaPath("/330100/330103/"), since: t0 - 60 * 86400, page: PageRequest()).total == 0)

        try await store.insertCheckIns(
            [
                CheckIn(person: "RB", at: t0 + 60, temperature: 36.5, symptoms: [], by: "self"),
                CheckIn(person: "RA", at: t0 + 120, temperature: nil, symptoms: [], by: "self"),
                CheckIn(person: "RA", at: t0 - 86400, temperature: nil, symptoms: [], by: "self"),
                CheckIn(person: "RC", at: t0 + 60, temperature: nil, symptoms: [], by: "self"),
            ], audit: nil)
        let found = try await store.checkIns(people: ["RB", "RA"], since: t0)
        #expect(found.map(\.person) == ["RA", "RB"] && found.map(\.at) == [t0 + 120, t0 + 60])
        #expect(try await store.checkIns(people: [], since: t0).isEmpty)
        try await store.close()
    }

    @Test("a compound's households come with the grid each is in", arguments: Backend.available)
    func households(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        func resident(_ id: String, grid: Area, household: String?, compound: String, idNumber: String, phone: String) throws -> SealedResident {
            var r = try C.resident(id, grid: grid, idNumber: idNumber, phone: phone)
            r.householdID = household
            r.compoundID = compound
            return r
        }
        _ = try await store.insertResidents(
            [
                try resident("R1", grid: C.gridA, household: "H2", compound: "CP1", idNumber: "11010519491231002X", phone: "13900000021"),
                try resident("R2", grid: C.gridA, household: "H2", compound: "CP1", idNumber: "330102199001011234", phone: "13900000022"),
                try resident("R3", grid: C.gridB, household: "H1", compound: "CP1", idNumber: "330102199001011242", phone: "13900000023"),
                try resident("R4", grid: C.gridA, household: "H3", compound: "CP2", idNumber: "330102199001011250", phone: "13900000024"),
                try resident("R5", grid: C.gridA, household: nil, compound: "CP1", idNumber: "330102199001011269", phone: "13900000025"),
            ], audit: nil)
        // One row per household (not per member), by household id; residents without a household are left out.
        let rows = try await store.households(compound: "CP1")
        #expect(rows.map { "\($0.household) \($0.gridID ?? "-") \($0.gridPath)" } == ["H1 G-B /330100/330102/G-B/", "H2 G-A /330100/330102/G-A/"])
        #expect(try await store.households(compound: "CP9").isEmpty)
        try await store.close()
    }
}
