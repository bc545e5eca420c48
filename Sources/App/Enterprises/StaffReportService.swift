import Domain
import Foundation
import GridWork

/// The enterprise's daily staff report (企业员工健康日报): present, temperatures taken, and the
/// consenting employees with symptoms, each of whom becomes a task for the grid where they live;
/// officers see, as for grid reports, how many enterprises of each area reported today.
public struct StaffReportService: Sendable {
    let store: any EnterpriseRepository & ResidentRepository & AreaRepository & AuditLogRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    public func today() -> CalendarDate { ReportDay(offsetMinutes: profiles.profile.colours.dayOffsetMinutes).day(of: clock.now()) }

    /// The form's state: the enterprise, today's report if sent, and the consenting employees to choose from.
    public func form(as principal: Principal) async throws -> (enterprise: Enterprise, sent: StaffReport?, employees: [EmployeeRow]) {
        let enterprise = try await ownEnterprise(principal)
        let rows = try await store.employees(enterpriseID: enterprise.id, at: clock.now(), page: PageRequest(limit: PageRequest.maxLimit))
        return (enterprise, try await store.staffReport(enterpriseID: enterprise.id, day: today()), rows.items.filter { $0.employment.state == .confirmed })
    }

    /// Stores today's report; returns how many grid tasks it asked for.
    @discardableResult
    public func submit(present typedPresent: String, checked typedChecked: String, symptomatic: [String], as principal: Principal) async throws -> Int {
        let enterprise = try await ownEnterprise(principal)
        guard enterprise.state == .approved else { throw StaffReport.Problem.enterpriseNotApproved }
        let present = try StaffReport.count(typedPresent, field: "present")
        let checked = try StaffReport.count(typedChecked, field: "temperaturesChecked")
        guard checked <= present else { throw StaffReport.Problem.checkedAbovePresent }
        let consenting = Set(try await store.employments(enterpriseID: enterprise.id, people: symptomatic).filter { $0.state == .confirmed }.map(\.person))
        if let stranger = symptomatic.first(where: { !consenting.contains($0) }) { throw StaffReport.Problem.notAnEmployee(stranger) }
        let now = clock.now()
        let day = today()
        var tasks: [GridTask] = []
        for person in Set(symptomatic).sorted() {
            guard let resident = try await store.resident(id: person), let grid = resident.areaID else { continue }
            let key = "symptom-report:\(enterprise.id):\(day):\(person)"
            tasks.append(
                GridTask(
                    id: TaskRules.id(for: key), kind: .symptomReport, factKey: key, gridID: grid, gridPath: resident.areaPath, person: person,
                    note: "\(enterprise.id) · \(enterprise.name)", createdAt: now, createdBy: "system:enterprise",
                    dueAt: now.addingTimeInterval(Double(profiles.profile.grid.verifyArrivalHours) * 3_600)))
        }
        let report = StaffReport(
            enterpriseID: enterprise.id, day: day, present: present, temperaturesChecked: checked, symptomatic: Set(symptomatic).sorted(),
            submittedBy: principal.auditName, submittedAt: now)
        try await store.saveStaffReport(
            report, areaPath: enterprise.areaPath, tasks: tasks,
            audit: clock.event(principal.auditName, .staffReport, kind: "enterprise", id: enterprise.id, detail: "\(day) \(present)/\(checked) \(tasks.count) symptomatic"))
        return tasks.count
    }

    /// For an officer's reports page: the approved enterprises of the area and of each area below, and how many reported.
    func completeness(of area: Area, children: [Area], day: CalendarDate, as principal: Principal) async throws -> [StaffReportCompleteness] {
        try await directory.authorize(principal, .readReports, .area(id: area.id, path: area.path))
        return try await store.staffReportCompleteness(areas: ([area] + children).map { AreaPath($0.path) }, day: day)
    }

    func ownEnterprise(_ principal: Principal) async throws -> Enterprise {
        guard let id = principal.enterpriseID else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .reportStaffHealth) }
        guard let enterprise = try await store.enterprise(id: id) else { throw StoreError.notFound(kind: "enterprise", id: id) }
        try await directory.authorize(principal, .reportStaffHealth, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        return enterprise
    }
}
