import Domain
import Foundation
import Ingestion
import Privacy

/// An enterprise's employees (企业员工健康码): the enterprise proposes a link by identity number and
/// phone (one by one, or a CSV `idNumber,phone` with each bad line named); the person agrees on
/// their own page (or staff confirm it with the person present); only then does the enterprise see
/// the colour and a yes/no for coming to work — never the reasons, movements or health details.
public struct EmployeeService: Sendable {
    let store: any EnterpriseRepository & ResidentRepository & OutboxRepository & AuditLogRepository
    let vault: PersonalDataVault
    let sms: SMSComposer
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    public struct AddReport: Sendable {
        /// Links proposed now (each person is asked by SMS and on their page).
        public var proposed = 0
        /// People already linked or already asked.
        public var unchanged = 0
        public var problems: [ImportProblem] = []
    }

    public static let fields = ["idNumber", "phone"]

    /// Proposes the people of a CSV or NDJSON file (`idNumber`, `phone`) as the principal's enterprise's employees.
    public func add(_ bytes: [UInt8], as principal: Principal) async throws -> AddReport {
        let enterprise = try await ownEnterprise(principal)
        var report = AddReport()
        var links: [(Employment, SealedResident)] = []
        let reader = RecordReader(bytes: bytes)
        while true {
            let units: [RecordUnit]
            do { units = try reader.nextUnits(limit: 256) } catch { throw StaffImportFailure(reason: error.description) }
            if units.isEmpty { break }
            guard let parser = reader.parser else { break }
            for unit in units {
                switch parser.parse(unit) {
                case .failure(let problem): report.problems.append(problem)
                case .success(let record):
                    do {
                        let person = try await resident(idNumber: try record.required("idNumber"), phone: try record.required("phone"), line: record.line)
                        links.append((Employment(enterpriseID: enterprise.id, person: person.id, proposedBy: principal.auditName, proposedAt: clock.now()), person))
                    } catch let problem as ImportProblem {
                        report.problems.append(problem)
                    }
                }
            }
        }
        guard !links.isEmpty else { return report }
        let proposed = try await store.proposeEmployments(
            links.map(\.0), audit: clock.event(principal.auditName, .employmentPropose, kind: "enterprise", id: enterprise.id, detail: "\(links.count) people"))
        report.proposed = proposed
        report.unchanged = links.count - proposed
        // Each person asked is told (a link already live is not asked again: the window de-duplicates).
        var messages: [OutboxMessage] = []
        for (link, person) in links {
            guard var message = try sms.sms(to: person, .employmentProposed, ["enterprise": enterprise.name]) else { continue }
            message.person = person.id
            message.factKey = "employment:\(link.enterpriseID):\(link.person)"
            messages.append(message)
        }
        _ = try await store.enqueueAlerts(messages, window: 30 * 86_400, audit: nil)
        return report
    }

    /// The resident behind an identity number, only when the phone given is the one they registered:
    /// an enterprise cannot ask for someone it knows only by number.
    func resident(idNumber typed: String, phone typedPhone: String, line: Int) async throws -> SealedResident {
        let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        let number: String
        do { number = try ResidentIDNumber.validate(typed.trimmingCharacters(in: .whitespaces), today: today.yyyymmdd) } catch {
            throw ImportProblem(line: line, field: "idNumber", reason: error.description)
        }
        let phone: String
        do { phone = try PhoneNumber.normalize(typedPhone) } catch { throw ImportProblem(line: line, field: "phone", reason: error.description) }
        guard let person = try await store.residents(idNumberIndex: vault.blindIndex(number, kind: "id")).first else {
            throw ImportProblem(
                line: line, field: "idNumber",
                reason: "\(Masking.idNumber(number)) is not registered in this city: the employee applies for a code as a visitor does (/apply), then add them again")
        }
        guard person.phoneIndex == vault.blindIndex(phone, kind: "phone") else {
            throw ImportProblem(line: line, field: "phone", reason: "not the phone \(Masking.idNumber(number)) registered with")
        }
        return person
    }

    /// The enterprise's employees: those who agreed with their colour and fitness for work, those
    /// asked with neither. Each look is audited.
    public func employees(page: PageRequest, as principal: Principal) async throws -> (enterprise: Enterprise, employees: ListPage<EmployeeFitness>) {
        let enterprise = try await ownEnterprise(principal)
        let rows = try await store.employees(enterpriseID: enterprise.id, at: clock.now(), page: page)
        try await store.appendAudit(
            clock.event(principal.auditName, .employeesList, kind: "enterprise", id: enterprise.id, detail: "\(rows.items.count) of \(rows.total)"))
        let items = rows.items.map { EmployeeFitness(person: $0.employment.person, name: $0.name, state: $0.employment.state, colour: $0.colour) }
        return (enterprise, ListPage(items: items, total: rows.total, request: rows.request))
    }

    /// The links awaiting a person's answer, with the enterprise's name, for their own page.
    public func awaiting(person: String) async throws -> [(employment: Employment, enterprise: String)] {
        var out: [(Employment, String)] = []
        for link in try await store.employments(person: person) where link.state == .awaitingConsent {
            out.append((link, try await store.enterprise(id: link.enterpriseID)?.name ?? link.enterpriseID))
        }
        return out
    }

    /// The person's answer (signed in as themselves), or staff confirming with the person present.
    @discardableResult
    public func answer(enterpriseID: String, person: String, confirm: Bool, as principal: Principal) async throws -> Bool {
        if case .resident(let me) = principal.subject {
            guard me == person else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "person", id: person) }
        } else {
            guard confirm, let resident = try await store.resident(id: person) else { throw StoreError.notFound(kind: "person", id: person) }
            try await directory.authorize(principal, .writePeople, .person(id: person, areaPath: resident.areaPath))
        }
        return try await store.decideEmployment(
            enterpriseID: enterpriseID, person: person, confirm: confirm, by: principal.auditName, at: clock.now(),
            audit: clock.event(principal.auditName, confirm ? .employmentConfirm : .employmentDecline, kind: "person", id: person, detail: enterpriseID))
    }

    func ownEnterprise(_ principal: Principal) async throws -> Enterprise {
        guard let id = principal.enterpriseID else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .manageEmployees) }
        guard let enterprise = try await store.enterprise(id: id) else { throw StoreError.notFound(kind: "enterprise", id: id) }
        try await directory.authorize(principal, .manageEmployees, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        return enterprise
    }
}
