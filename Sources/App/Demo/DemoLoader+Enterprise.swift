import DemoCity
import Domain
import Foundation
import GridWork
import Privacy

/// The demo's enterprise back at work: approved, with its manager's sign-in, employees (the demo
/// resident still asked to agree, so their home page shows the request), an approved return-to-work
/// application, today's staff report naming one employee with symptoms, a chartered trip from Wuhan
/// and a force-majeure request waiting for the district.
extension DemoLoader {
    static let demoCreditCode = CreditCode.completing("91330106MA27XE4K0") ?? "91330106MA27XE4K0"

    func loadEnterprise(_ plans: [DemoAccountPlan], actor: String) async throws -> [DemoAccount] {
        guard let areaID = plans.first?.jurisdictionID, let area = try await store.area(id: areaID) else { return [] }
        let now = clock.now()
        var enterprise = Enterprise(
            id: "ENT-" + Self.demoCreditCode, name: "杭州示范电子科技有限公司", creditCode: Self.demoCreditCode, address: "文三路 90 号", areaID: area.id,
            areaPath: area.path, contactName: "王经理", contactPhone: "13900000001", registeredBy: "self", registeredAt: now.addingTimeInterval(-6 * 86_400))
        try await store.registerEnterprise(enterprise, audit: clock.event(actor, .enterpriseRegister, kind: "enterprise", id: enterprise.id, detail: enterprise.name))
        enterprise.state = .approved
        enterprise.decidedBy = actor
        enterprise.decidedAt = now.addingTimeInterval(-5 * 86_400)
        // Its accounts (with passwords to print, not one-time ones, like the other demo sign-ins).
        let template = try await staff.enterpriseManager(for: enterprise).account
        var signIns: [DemoAccount] = []
        var created: [StaffAccount] = []
        for plan in plans {
            let password = SecretToken.generate().prefix(12).description
            var account = template
            (account.id, account.username, account.displayName, account.role) = ("acct-" + plan.username, plan.username, plan.displayName, plan.role)
            account.passwordHash = accounts.hash(password)
            account.mustChangePassword = false
            created.append(account)
            signIns.append(DemoAccount(role: plan.role.rawValue, username: plan.username, password: password, jurisdiction: area.id, note: enterprise.name))
        }
        guard let manager = created.first else { return [] }
        _ = try await store.decideEnterprise(enterprise, account: manager, audit: clock.event(actor, .enterpriseApprove, kind: "enterprise", id: enterprise.id))
        for other in created.dropFirst() {
            try await store.createAccount(other, audit: clock.event(actor, .accountCreate, kind: "account", id: other.id, detail: "\(other.role.rawValue) for \(enterprise.id)"))
        }
        let by = Session.Subject.staff(accountID: manager.id).storageKey

        // Twelve neighbours work there; all but the demo resident have agreed.
        var people = try await store.residents(within: area.path, after: nil, limit: 40).map(\.id).filter { $0 != ResidentStream.demoResidentID }.prefix(11).map { $0 }
        people.append(ResidentStream.demoResidentID)
        _ = try await store.proposeEmployments(
            people.map { Employment(enterpriseID: enterprise.id, person: $0, proposedBy: by, proposedAt: now.addingTimeInterval(-4 * 86_400)) },
            audit: clock.event(actor, .employmentPropose, kind: "enterprise", id: enterprise.id, detail: "\(people.count) people"))
        for person in people where person != ResidentStream.demoResidentID {
            _ = try await store.decideEmployment(
                enterpriseID: enterprise.id, person: person, confirm: true, by: "resident:\(person)", at: now.addingTimeInterval(-3 * 86_400),
                audit: clock.event(actor, .employmentConfirm, kind: "person", id: person, detail: enterprise.id))
        }
        let counts = try await store.employeeCounts(enterpriseID: enterprise.id, at: now)
        var application = WorkApplication(
            id: "RTW-demo-1", enterpriseID: enterprise.id, enterpriseName: enterprise.name, areaPath: enterprise.areaPath,
            plan: Dictionary(uniqueKeysWithValues: profiles.profile.enterprises.checklist.map { ($0, true) }), headcount: 40, employees: counts.consented,
            green: counts.green, submittedBy: by, submittedAt: now.addingTimeInterval(-2 * 86_400))
        try await store.submitApplication(application, audit: clock.event(actor, .workApply, kind: "enterprise", id: enterprise.id, detail: application.id))
        application.state = .approved
        application.decidedBy = actor
        application.decidedAt = now.addingTimeInterval(-86_400)
        _ = try await store.updateApplication(application, from: [.submitted], audit: clock.event(actor, .workApprove, kind: "enterprise", id: enterprise.id))

        // Today's staff report names one employee with a fever: a task for their grid.
        let feverish = people[1]
        if let resident = try await store.resident(id: feverish), let grid = resident.areaID {
            let day = ReportDay(offsetMinutes: profiles.profile.colours.dayOffsetMinutes).day(of: now)
            let key = "symptom-report:\(enterprise.id):\(day):\(feverish)"
            let task = GridTask(
                id: TaskRules.id(for: key), kind: .symptomReport, factKey: key, gridID: grid, gridPath: resident.areaPath, person: feverish,
                note: "\(enterprise.id) · \(enterprise.name)", createdAt: now, createdBy: "system:enterprise",
                dueAt: now.addingTimeInterval(Double(profiles.profile.grid.verifyArrivalHours) * 3_600))
            try await store.saveStaffReport(
                StaffReport(enterpriseID: enterprise.id, day: day, present: 9, temperaturesChecked: 9, symptomatic: [feverish], submittedBy: by, submittedAt: now),
                areaPath: enterprise.areaPath, tasks: [task], audit: clock.event(actor, .staffReport, kind: "enterprise", id: enterprise.id))
        }

        // Three of them came back from Wuhan on a chartered coach two days ago.
        let departure = now.addingTimeInterval(-2 * 86_400 - 8 * 3_600)
        let trip = CharteredTrip(
            id: "demo1", enterpriseID: enterprise.id, origin: "420100", vehicle: "鄂A·D0201", departure: departure, arrival: departure.addingTimeInterval(7 * 3_600),
            passengers: zip(people.suffix(4).dropLast(), ["3A", "3B", "9C"]).map { CharteredTrip.Passenger(person: $0, seat: $1) }, registeredBy: by,
            registeredAt: departure.addingTimeInterval(-86_400))
        _ = try await store.registerCharteredTrip(
            trip, vehicle: Place(id: trip.placeID, kind: .vehicle, name: "包车 \(trip.vehicle) · \(enterprise.name)", areaID: nil),
            audit: clock.event(actor, .tripRegister, kind: "enterprise", id: enterprise.id, detail: trip.placeID))
        try await store.requestForceMajeure(
            ForceMajeureRequest(
                id: "FM-demo-1", enterpriseID: enterprise.id, enterpriseName: enterprise.name, areaPath: enterprise.areaPath,
                reason: "封控期间工厂停工，未能按期交付第一批货物。", contract: "HZ-2020-0117 电子元件供货合同", requestedBy: by, requestedAt: now.addingTimeInterval(-3_600)),
            audit: clock.event(actor, .forceMajeureRequest, kind: "enterprise", id: enterprise.id))
        return signIns
    }
}
