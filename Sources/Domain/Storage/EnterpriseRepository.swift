import Foundation

/// Enterprises back to work (复工复产): their registration and the district's decision, the
/// accounts that act for them, and their employees' links.
public protocol EnterpriseRepository: Sendable {
    /// Stores a new enterprise (pending); a credit code already registered is `StoreError.duplicate`.
    func registerEnterprise(_ enterprise: Enterprise, audit: AuditEvent) async throws
    func enterprise(id: String) async throws -> Enterprise?
    /// Enterprises within `area` (of one state, or all), pending first then by name; counted in the store.
    func enterprises(within area: AreaPath, state: Enterprise.State?, page: PageRequest) async throws -> ListPage<Enterprise>
    /// Records the district's decision on a pending enterprise and, when approved, creates its first
    /// account in the same transaction; false when it was no longer pending.
    func decideEnterprise(_ decided: Enterprise, account: StaffAccount?, audit: AuditEvent) async throws -> Bool

    /// Proposes links of people to an enterprise; a link that exists and has not ended is kept as
    /// it is (returns how many were proposed anew).
    func proposeEmployments(_ links: [Employment], audit: AuditEvent) async throws -> Int
    /// The person's (or staff's) answer to a proposed link; false when it was not awaiting consent.
    func decideEmployment(enterpriseID: String, person: String, confirm: Bool, by: String, at: Date, audit: AuditEvent) async throws -> Bool
    /// The enterprise's employees, with the colour of those who consented (nil otherwise, and nil
    /// for a colour that has ended: they are green).
    func employees(enterpriseID: String, at now: Date, page: PageRequest) async throws -> ListPage<EmployeeRow>
    /// The links of one person (to show and answer on their own page).
    func employments(person: String) async throws -> [Employment]
    /// The enterprise's links to the people named (to check a report names its own employees).
    func employments(enterpriseID: String, people: [String]) async throws -> [Employment]
    /// How many employees consented, and how many of them are green now (a colour that ended is green).
    func employeeCounts(enterpriseID: String, at now: Date) async throws -> (consented: Int, green: Int)

    // Return-to-work applications.

    func submitApplication(_ application: WorkApplication, audit: AuditEvent) async throws
    func application(id: String) async throws -> WorkApplication?
    /// Applications within `area` (of one state, or all), those waiting first, newest first; counted in the store.
    func applications(within area: AreaPath, state: WorkApplication.State?, page: PageRequest) async throws -> ListPage<WorkApplication>
    /// One enterprise's applications, newest first.
    func applications(enterpriseID: String) async throws -> [WorkApplication]
    /// Replaces an application whose stored state is one of `from` (a decision, a revocation, a
    /// certificate printed); false when it had moved on.
    func updateApplication(_ application: WorkApplication, from: [WorkApplication.State], audit: AuditEvent) async throws -> Bool

    // Daily staff reports.

    /// Stores (or replaces) an enterprise's report of a day, with the grid tasks for the employees
    /// it names (a task already made for the same employee and day is not made again).
    func saveStaffReport(_ report: StaffReport, areaPath: String, tasks: [GridTask], audit: AuditEvent) async throws
    func staffReport(enterpriseID: String, day: CalendarDate) async throws -> StaffReport?
    /// For each area: its approved enterprises and how many of them reported on `day`, counted in the store.
    func staffReportCompleteness(areas: [AreaPath], day: CalendarDate) async throws -> [StaffReportCompleteness]

    // Chartered return transport (点对点).

    /// Stores a trip with its vehicle (a place), its passengers' presence and their arrivals, in one
    /// transaction; returns the presence as stored, for the timeline to follow.
    func registerCharteredTrip(_ trip: CharteredTrip, vehicle: Place, audit: AuditEvent) async throws -> [StoredPresence]
    /// An enterprise's trips, latest departure first.
    func charteredTrips(enterpriseID: String) async throws -> [CharteredTrip]

    // Certificates of force majeure.

    func requestForceMajeure(_ request: ForceMajeureRequest, audit: AuditEvent) async throws
    func forceMajeureRequest(id: String) async throws -> ForceMajeureRequest?
    /// Requests within `area` (or of one enterprise), waiting first, newest first; counted in the store.
    func forceMajeureRequests(within area: AreaPath, enterpriseID: String?, page: PageRequest) async throws -> ListPage<ForceMajeureRequest>
    /// Replaces a request whose stored state is one of `from`; false when it had moved on.
    func updateForceMajeure(_ request: ForceMajeureRequest, from: [ForceMajeureRequest.State], audit: AuditEvent) async throws -> Bool
}

/// One employee as the store reads it for the enterprise's list.
public struct EmployeeRow: Sendable, Equatable {
    public var employment: Employment
    public var name: String
    /// The stored colour of a consenting employee's status that has not ended; nil if none.
    public var colour: HealthColour?

    public init(employment: Employment, name: String, colour: HealthColour?) {
        (self.employment, self.name, self.colour) = (employment, name, colour)
    }
}
