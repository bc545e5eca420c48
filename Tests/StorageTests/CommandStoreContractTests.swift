import Domain
import Foundation
import StorageSQL
import Testing
import TestSupport

/// What the command dashboard reads and the tallies kept for it, on SQLite and PostgreSQL alike.
@Suite("Command store contract")
struct CommandStoreContractTests {
    typealias C = StoreContractTests
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)
    static let audit = AuditEvent(at: t0, actor: "test", action: "test")

    static func status(_ person: String, _ colour: HealthColour, _ rule: String?, until: Date?) -> HealthStatus {
        HealthStatus(
            person: person, colour: colour, reasons: rule.map { [StatusReason(rule: $0, colour: colour, facts: [:], until: until)] } ?? [], until: until,
            actions: [], profileVersion: 1, computedAt: t0)
    }

    @Test("dashboard figures are grouped in the store by where people live, cut to the area; ended colours are not counted", arguments: Backend.available)
    func figures(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        _ = try await store.insertResidents(
            [
                try C.resident("RA", grid: C.gridA), try C.resident("RA2", grid: C.gridA, idNumber: "110105194912310031", phone: "13812345670"),
                try C.resident("RB", grid: C.gridB, idNumber: "110105194912310023", phone: "13812345679"),
            ], audit: nil)
        _ = try await store.insertPlaces([Place(id: "GATE-A", kind: .checkpoint, name: "A 卡口", areaID: "G-A"), Place(id: "GATE-B", kind: .checkpoint, name: "B 卡口", areaID: "G-B")], audit: nil)
        _ = try await store.insertLabResults(
            [
                LabResult(id: "L1", person: "RA", sampledAt: Self.t0 - 7_200, result: .positive, test: .antigen),
                LabResult(id: "L2", person: "RA", sampledAt: Self.t0 - 3_600, result: .positive),
                LabResult(id: "L3", person: "RB", sampledAt: Self.t0 - 3_600, result: .negative),
            ], audit: nil)
        try await store.saveCaseRecord(CaseRecord(person: "RB", status: .suspected, onset: Self.t0 - 86_400, updatedBy: "epi", updatedAt: Self.t0), audit: Self.audit)
        try await store.saveStatuses([
            Self.status("RA", .red, "case.confirmed", until: nil),
            Self.status("RA2", .yellow, "contact.secondary", until: Self.t0 + 3_600),
            Self.status("RB", .red, "contact.close", until: Self.t0 - 60),  // ended a minute ago
        ])
        let window = DashboardWindow(now: Self.t0, dayOffsetMinutes: 480)
        try await store.addCheckpointScans([CheckpointTally(place: "GATE-A", hour: Self.t0, scans: 3, refused: 1), CheckpointTally(place: "GATE-B", hour: Self.t0, scans: 4, refused: 0)])
        // Added again: the counts add up.
        try await store.addCheckpointScans([CheckpointTally(place: "GATE-A", hour: Self.t0, scans: 2, refused: 2)])

        let a = try await store.dashboardFigures(within: AreaPath(C.gridA.path), children: [], window: window, withNotifications: false)
        #expect(a.population == [C.gridA.path: 2])
        #expect(a.cases == [DashboardFigures.CaseRow(person: "RA", areaPath: C.gridA.path, firstPositive: Self.t0 - 7_200, anyPCR: true, record: nil)])
        #expect(Set(a.colours.map { "\($0.colour.rawValue):\($0.cause ?? "-"):\($0.people)" }) == ["red:case.confirmed:1", "yellow:contact.secondary:1"])
        #expect(a.colours.first { $0.colour == .yellow }?.endingToday == 1)
        let hour = Date(timeIntervalSince1970: (Self.t0.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        #expect(a.scans == [DashboardFigures.ScanHour(hour: hour, scans: 5, refused: 3)])
        #expect(a.gridPaths == [C.gridA.path] && a.notifications == nil)

        let all = try await store.dashboardFigures(within: AreaPath(C.district.path), children: [AreaPath(C.gridA.path), AreaPath(C.gridB.path)], window: window, withNotifications: true)
        #expect(all.population == [C.gridA.path: 2, C.gridB.path: 1])
        #expect(all.cases.map(\.person) == ["RA", "RB"] && all.cases[1].record?.status == .suspected && all.cases[1].firstPositive == nil)
        #expect(all.colours.count == 2 && all.scans.first?.scans == 9 && Set(all.gridPaths) == [C.gridA.path, C.gridB.path])
        #expect(all.notifications == [:])
        try await store.close()
    }

    @Test("colour days are replaced per area and day and read back from a day on", arguments: Backend.available)
    func colourDays(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let d1 = CalendarDate(iso: "2026-11-01")!, d2 = CalendarDate(iso: "2026-11-02")!
        try await store.saveColourDays([
            ColourDaySnapshot(areaID: "X", day: d1, red: 1, yellow: 2, green: 3), ColourDaySnapshot(areaID: "X", day: d2, red: 4, yellow: 5, green: 6),
            ColourDaySnapshot(areaID: "Y", day: d2, red: 9, yellow: 9, green: 9),
        ])
        try await store.saveColourDays([ColourDaySnapshot(areaID: "X", day: d2, red: 7, yellow: 8, green: 0)])
        #expect(try await store.colourDays(area: "X", since: d1) == [
            ColourDaySnapshot(areaID: "X", day: d1, red: 1, yellow: 2, green: 3), ColourDaySnapshot(areaID: "X", day: d2, red: 7, yellow: 8, green: 0),
        ])
        #expect(try await store.colourDays(area: "X", since: d2).count == 1)
        try await store.close()
    }

    @Test("migrations 27 and 29 fill in the cause, end and area of statuses stored before them", arguments: Backend.available)
    func statusBackfill(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        let store = fresh.store
        try await C.seed(store)
        _ = try await store.insertResidents([try C.resident("RA", grid: C.gridA)], audit: nil)
        var status = Self.status("RA", .yellow, "arrival.high-risk", until: Self.t0 + 86_400)
        // A reason of another colour listed first: the cause is the one of the status's own colour.
        status.reasons.insert(StatusReason(rule: "symptoms", colour: .green, facts: [:], until: nil), at: 0)
        try await store.saveStatuses([status])
        // As a store written before v27 had it: no cause, no end.
        try await fresh.execute("UPDATE statuses SET cause = NULL, until_at = NULL, area_path = NULL")
        let dialect: SQLDialect = backend == .sqlite ? .sqlite : .postgres
        for version in [27, 29] {
            guard let migration = Migrations.all.first(where: { $0.version == version }) else { throw TestSupportError("no migration \(version)") }
            for statement in migration.statements {
                guard let text = statement.text(for: dialect), text.hasPrefix("UPDATE statuses") else { continue }
                try await fresh.execute(text)
            }
        }
        let window = DashboardWindow(now: Self.t0, dayOffsetMinutes: 480)
        let rows = try await store.dashboardFigures(within: AreaPath(C.gridA.path), children: [], window: window, withNotifications: false).colours
        #expect(rows == [DashboardFigures.ColourRow(areaPath: C.gridA.path, colour: .yellow, cause: "arrival.high-risk", people: 1, endingToday: 0)])
        try await store.close()
    }
}
