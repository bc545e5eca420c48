import Domain
import Foundation
import Testing
import TestSupport

/// Enterprises, their accounts and their employees' links in the store, on SQLite and PostgreSQL alike.
@Suite("Enterprise store contract")
struct EnterpriseStoreContractTests {
    typealias C = StoreContractTests
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)
    static let audit = AuditEvent(at: t0, actor: "test", action: "enterprise.register")

    static func enterprise(_ code: String, _ name: String, area: Area) -> Enterprise {
        Enterprise(
            id: "ENT-" + code, name: name, creditCode: code, address: "解放路 1 号", areaID: area.id, areaPath: area.path, contactName: "王经理",
            contactPhone: "13900000001", registeredBy: "self", registeredAt: t0)
    }

    @Test("a credit code registers once; lists are cut to the area, pending first, counted; a decision is taken once, with its account", arguments: Backend.available)
    func enterprises(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let a = Self.enterprise("9144030071526726XG", "乙公司", area: C.gridA), b = Self.enterprise("914403001922038216", "甲公司", area: C.gridB)
        try await store.registerEnterprise(a, audit: Self.audit)
        try await store.registerEnterprise(b, audit: Self.audit)
        var again = Self.enterprise("9144030071526726XG", "冒名公司", area: C.gridB)
        again.id = "ENT-other"
        await #expect(throws: StoreError.duplicate(kind: "enterprise", key: "9144030071526726XG")) { try await store.registerEnterprise(again, audit: Self.audit) }
        #expect(try await store.enterprise(id: a.id) == a)
        #expect(try await store.enterprise(id: "ENT-none") == nil)

        let manager = StaffAccount(
            id: "acct-ent-a", username: "ent-a", displayName: "王经理", role: .enterpriseManager, jurisdictionID: C.gridA.id, jurisdictionPath: C.gridA.path,
            passwordHash: "x", createdAt: Self.t0, mustChangePassword: true, enterpriseID: a.id)
        var approved = a
        approved.state = .approved
        approved.decidedBy = "staff:district"
        #expect(try await store.decideEnterprise(approved, account: manager, audit: Self.audit))
        #expect(try await store.account(username: "ent-a")?.enterpriseID == a.id)
        // Already decided: neither the state nor a second account changes.
        var refused = a
        refused.state = .refused
        #expect(try await !store.decideEnterprise(refused, account: nil, audit: Self.audit))
        #expect(try await store.enterprise(id: a.id)?.state == .approved)

        let district = try await store.enterprises(within: AreaPath(C.district.path), state: nil, page: PageRequest())
        #expect(district.total == 2 && district.items.map(\.name) == ["甲公司", "乙公司"])  // pending first
        #expect(try await store.enterprises(within: AreaPath(C.gridA.path), state: nil, page: PageRequest()).items.map(\.id) == [a.id])
        #expect(try await store.enterprises(within: AreaPath(C.district.path), state: .approved, page: PageRequest()).total == 1)
        #expect(try await store.enterprises(within: AreaPath(C.district.path), state: .refused, page: PageRequest()).total == 0)
        try await store.close()
    }

    @Test("a link is proposed once, counts after consent, and shows a colour only then and only while it lasts", arguments: Backend.available)
    func employments(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let e = Self.enterprise("9144030071526726XG", "乙公司", area: C.gridA)
        try await store.registerEnterprise(e, audit: Self.audit)
        _ = try await store.insertResidents(
            [try C.resident("P1", grid: C.gridA, phone: "13700000001"), try C.resident("P2", grid: C.gridA, idNumber: "110105194912310029", phone: "13700000002")],
            audit: nil)
        _ = try await store.saveStatuses([
            CommandStoreContractTests.status("P1", .red, "close-contact", until: Self.t0 + 86_400),
            CommandStoreContractTests.status("P2", .yellow, "arrival", until: Self.t0 + 86_400),
        ])
        let links = ["P1", "P2"].map { Employment(enterpriseID: e.id, person: $0, proposedBy: "staff:acct-ent", proposedAt: Self.t0) }
        #expect(try await store.proposeEmployments(links, audit: Self.audit) == 2)
        #expect(try await store.proposeEmployments(links, audit: Self.audit) == 0)

        // Asked, not yet agreed: listed without a colour.
        var listed = try await store.employees(enterpriseID: e.id, at: Self.t0, page: PageRequest())
        #expect(listed.total == 2 && listed.items.allSatisfy { $0.colour == nil && $0.employment.state == .awaitingConsent })
        #expect(try await store.employments(person: "P1").map(\.state) == [.awaitingConsent])

        #expect(try await store.decideEmployment(enterpriseID: e.id, person: "P1", confirm: true, by: "resident:P1", at: Self.t0, audit: Self.audit))
        #expect(try await !store.decideEmployment(enterpriseID: e.id, person: "P1", confirm: false, by: "resident:P1", at: Self.t0, audit: Self.audit))
        #expect(try await store.decideEmployment(enterpriseID: e.id, person: "P2", confirm: false, by: "resident:P2", at: Self.t0, audit: Self.audit))
        listed = try await store.employees(enterpriseID: e.id, at: Self.t0, page: PageRequest())
        #expect(listed.total == 1 && listed.items.map(\.employment.person) == ["P1"] && listed.items[0].colour == .red && listed.items[0].name == "张三")
        // The red has ended a day later: green.
        #expect(try await store.employees(enterpriseID: e.id, at: Self.t0 + 90_000, page: PageRequest()).items[0].colour == .green)
        // A declined link may be proposed again.
        #expect(try await store.proposeEmployments([links[1]], audit: Self.audit) == 1)
        #expect(try await store.employments(person: "P2").map(\.state) == [.awaitingConsent])
        try await store.close()
    }
}

extension EnterpriseStoreContractTests {
    @Test("applications: listed within the area waiting first, per enterprise, moved on only from the state expected; employees counted green", arguments: Backend.available)
    func applications(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let e = Self.enterprise("9144030071526726XG", "乙公司", area: C.gridA)
        try await store.registerEnterprise(e, audit: Self.audit)
        _ = try await store.insertResidents(
            [try C.resident("P1", grid: C.gridA, phone: "13700000001"), try C.resident("P2", grid: C.gridA, idNumber: "110105194912310029", phone: "13700000002")],
            audit: nil)
        _ = try await store.saveStatuses([CommandStoreContractTests.status("P1", .red, "close-contact", until: Self.t0 + 86_400)])
        _ = try await store.proposeEmployments(["P1", "P2"].map { Employment(enterpriseID: e.id, person: $0, proposedBy: "x", proposedAt: Self.t0) }, audit: Self.audit)
        #expect(try await store.employeeCounts(enterpriseID: e.id, at: Self.t0) == (0, 0))
        for p in ["P1", "P2"] { _ = try await store.decideEmployment(enterpriseID: e.id, person: p, confirm: true, by: "r", at: Self.t0, audit: Self.audit) }
        #expect(try await store.employeeCounts(enterpriseID: e.id, at: Self.t0) == (2, 1))
        #expect(try await store.employeeCounts(enterpriseID: e.id, at: Self.t0 + 90_000) == (2, 2))  // the red has ended

        var first = WorkApplication(
            id: "RTW-1", enterpriseID: e.id, enterpriseName: e.name, areaPath: e.areaPath, plan: ["masks": true], headcount: 30, employees: 2, green: 1,
            submittedBy: "staff:ent", submittedAt: Self.t0)
        try await store.submitApplication(first, audit: Self.audit)
        first.state = .changesRequested
        first.reason = "缺隔离室"
        #expect(try await store.updateApplication(first, from: [.submitted], audit: Self.audit))
        #expect(try await !store.updateApplication(first, from: [.submitted], audit: Self.audit))
        let second = WorkApplication(
            id: "RTW-2", enterpriseID: e.id, enterpriseName: e.name, areaPath: e.areaPath, plan: ["masks": true, "isolationRoom": true], headcount: 30, employees: 2,
            green: 1, submittedBy: "staff:ent", submittedAt: Self.t0 + 60)
        try await store.submitApplication(second, audit: Self.audit)
        #expect(try await store.application(id: "RTW-1") == first)
        #expect(try await store.application(id: "RTW-none") == nil)
        #expect(try await store.applications(enterpriseID: e.id).map(\.id) == ["RTW-2", "RTW-1"])
        let listed = try await store.applications(within: AreaPath(C.district.path), state: nil, page: PageRequest())
        #expect(listed.total == 2 && listed.items.map(\.id) == ["RTW-2", "RTW-1"])
        #expect(try await store.applications(within: AreaPath(C.gridB.path), state: nil, page: PageRequest()).total == 0)
        #expect(try await store.applications(within: .everywhere, state: .changesRequested, page: PageRequest()).items.map(\.id) == ["RTW-1"])
        try await store.close()
    }
}

extension EnterpriseStoreContractTests {
    @Test("a staff report replaces the day's, its tasks made once; approved enterprises counted per area with those that reported", arguments: Backend.available)
    func staffReports(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        var a = Self.enterprise("9144030071526726XG", "乙公司", area: C.gridA), b = Self.enterprise("914403001922038216", "甲公司", area: C.gridB)
        try await store.registerEnterprise(a, audit: Self.audit)
        try await store.registerEnterprise(b, audit: Self.audit)
        let pending = Self.enterprise("91330100799655058B", "丙公司", area: C.gridA)
        try await store.registerEnterprise(pending, audit: Self.audit)
        for e in [a, b] {
            var approved = e
            approved.state = .approved
            #expect(try await store.decideEnterprise(approved, account: nil, audit: Self.audit))
        }
        a.state = .approved
        b.state = .approved
        _ = try await store.insertResidents([try C.resident("P1", grid: C.gridA, phone: "13700000001")], audit: nil)
        _ = try await store.proposeEmployments([Employment(enterpriseID: a.id, person: "P1", proposedBy: "x", proposedAt: Self.t0)], audit: Self.audit)
        #expect(try await store.employments(enterpriseID: a.id, people: ["P1", "P9"]).map(\.person) == ["P1"])
        #expect(try await store.employments(enterpriseID: b.id, people: ["P1"]).isEmpty)

        let day = CalendarDate(iso: "2025-11-24")!
        let task = GridTask(
            id: "T-sym", kind: .symptomReport, factKey: "symptom-report:\(a.id):\(day):P1", gridID: "G-A", gridPath: C.gridA.path, person: "P1", note: "x",
            createdAt: Self.t0, createdBy: "system:enterprise", dueAt: Self.t0 + 3_600)
        let report = StaffReport(enterpriseID: a.id, day: day, present: 10, temperaturesChecked: 10, symptomatic: ["P1"], submittedBy: "staff:ent", submittedAt: Self.t0)
        try await store.saveStaffReport(report, areaPath: a.areaPath, tasks: [task], audit: Self.audit)
        var again = report
        again.present = 12
        try await store.saveStaffReport(again, areaPath: a.areaPath, tasks: [task], audit: Self.audit)
        #expect(try await store.staffReport(enterpriseID: a.id, day: day) == again)
        #expect(try await store.staffReport(enterpriseID: b.id, day: day) == nil)
        #expect(try await store.tasks(within: C.gridA.path, states: [.open], limit: 10).filter { $0.kind == .symptomReport }.count == 1)

        let counts = try await store.staffReportCompleteness(areas: [AreaPath(C.district.path), AreaPath(C.gridA.path), AreaPath(C.gridB.path)], day: day)
        #expect(counts == [.init(enterprises: 2, reported: 1), .init(enterprises: 1, reported: 1), .init(enterprises: 1, reported: 0)])
        #expect(try await store.staffReportCompleteness(areas: [AreaPath(C.district.path)], day: CalendarDate(iso: "2025-11-25")!) == [.init(enterprises: 2, reported: 0)])
        try await store.close()
    }
}

extension EnterpriseStoreContractTests {
    @Test("a chartered trip is stored with its vehicle, its passengers' seated presence and their arrivals, in one transaction", arguments: Backend.available)
    func charteredTrips(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let e = Self.enterprise("9144030071526726XG", "乙公司", area: C.gridA)
        try await store.registerEnterprise(e, audit: Self.audit)
        let trip = CharteredTrip(
            id: "T1", enterpriseID: e.id, origin: "420100", vehicle: "鄂A·12345", departure: Self.t0, arrival: Self.t0 + 18_000,
            passengers: [.init(person: "P1", seat: "3A"), .init(person: "P2", seat: "4B")], registeredBy: "staff:ent", registeredAt: Self.t0)
        let vehicle = Place(id: trip.placeID, kind: .vehicle, name: "包车 鄂A·12345", areaID: nil)
        let stored = try await store.registerCharteredTrip(trip, vehicle: vehicle, audit: Self.audit)
        #expect(stored.map(\.event.seat) == ["3A", "4B"] && stored.allSatisfy { $0.event.place == "TRIP-T1" && $0.event.source == "chartered" })
        #expect(try await store.place(id: "TRIP-T1")?.kind == .vehicle)
        #expect(try await store.arrivals(person: "P2").map(\.from) == ["420100"])
        let later = CharteredTrip(
            id: "T2", enterpriseID: e.id, origin: "420100", vehicle: "鄂A·67890", departure: Self.t0 + 86_400, arrival: Self.t0 + 90_000,
            passengers: [.init(person: "P1", seat: "1A")], registeredBy: "staff:ent", registeredAt: Self.t0)
        _ = try await store.registerCharteredTrip(later, vehicle: Place(id: later.placeID, kind: .vehicle, name: "包车", areaID: nil), audit: Self.audit)
        #expect(try await store.charteredTrips(enterpriseID: e.id).map(\.id) == ["T2", "T1"])
        // The same trip again is refused whole: nothing half-written.
        await #expect(throws: (any Error).self) { _ = try await store.registerCharteredTrip(trip, vehicle: vehicle, audit: Self.audit) }
        #expect(try await store.charteredTrips(enterpriseID: e.id).count == 2)
        try await store.close()
    }
}

extension EnterpriseStoreContractTests {
    @Test("force-majeure requests: listed within the area or for one enterprise, waiting first; decided once", arguments: Backend.available)
    func forceMajeure(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        let a = Self.enterprise("9144030071526726XG", "乙公司", area: C.gridA), b = Self.enterprise("914403001922038216", "甲公司", area: C.gridB)
        try await store.registerEnterprise(a, audit: Self.audit)
        try await store.registerEnterprise(b, audit: Self.audit)
        var first = ForceMajeureRequest(
            id: "FM-1", enterpriseID: a.id, enterpriseName: a.name, areaPath: a.areaPath, reason: "封控", contract: "C-1", requestedBy: "x", requestedAt: Self.t0)
        try await store.requestForceMajeure(first, audit: Self.audit)
        try await store.requestForceMajeure(
            ForceMajeureRequest(id: "FM-2", enterpriseID: b.id, enterpriseName: b.name, areaPath: b.areaPath, reason: "停工", contract: "C-2", requestedBy: "x",
                                requestedAt: Self.t0 - 60), audit: Self.audit)
        first.state = .issued
        #expect(try await store.updateForceMajeure(first, from: [.requested], audit: Self.audit))
        #expect(try await !store.updateForceMajeure(first, from: [.requested], audit: Self.audit))
        #expect(try await store.forceMajeureRequest(id: "FM-1") == first)
        #expect(try await store.forceMajeureRequests(within: AreaPath(C.district.path), enterpriseID: nil, page: PageRequest()).items.map(\.id) == ["FM-2", "FM-1"])
        #expect(try await store.forceMajeureRequests(within: AreaPath(C.district.path), enterpriseID: a.id, page: PageRequest()).total == 1)
        #expect(try await store.forceMajeureRequests(within: AreaPath(C.gridB.path), enterpriseID: nil, page: PageRequest()).items.map(\.id) == ["FM-2"])
        try await store.close()
    }
}
