import Foundation

/// Grid management (issue 6): assignments, tasks, household visits, quarantine follow-up, daily
/// reports and checkpoint duty rosters.
public protocol GridRepository: Sendable {
    /// Ends the account's current assignment, starts this one and moves the account's jurisdiction
    /// to the area, in one transaction.
    func assign(_ assignment: Assignment, areaPath: String, audit: AuditEvent) async throws
    /// Oldest first.
    func assignments(accountID: String) async throws -> [Assignment]
    /// The assignment histories of every account whose jurisdiction lies within `area`, by account and age.
    func assignments(ofAccountsWithin area: AreaPath) async throws -> [Assignment]

    /// Inserts tasks whose fact key is new; returns the ones inserted.
    func insertTasks(_ tasks: [GridTask], audit: AuditEvent?) async throws -> [GridTask]
    func task(id: String) async throws -> GridTask?
    /// Tasks in an area (by path prefix), open ones first, then by due time.
    func tasks(within path: String, states: Set<TaskState>, limit: Int) async throws -> [GridTask]
    /// Open tasks due for their next escalation at `now` (one level every `interval` past the due
    /// time, at most level 3), longest overdue first. Only those: tasks already at their level never
    /// fill the page, so a backlog of them cannot keep newer overdue tasks from escalating.
    /// One page of the tasks under an area that pass the filter, escalated first, then by due time;
    /// with how many pass it.
    func tasks(within path: String, filter: TaskFilter, page: PageRequest) async throws -> ListPage<GridTask>
    /// How many tasks under an area there are of each kind in each of these states.
    func taskCounts(within path: String, states: Set<TaskState>) async throws -> [TaskCount]
    func tasksDueForEscalation(at now: Date, every interval: TimeInterval, limit: Int) async throws -> [GridTask]
    /// Writes the task if it is still as `previous` left it (state and escalation); false when
    /// someone changed it meanwhile (a worker closing it while it escalates, two officers at once).
    func updateTask(_ task: GridTask, from previous: GridTask, audit: AuditEvent) async throws -> Bool
    /// Fact keys of tasks already made by the rules, among these.
    func existingTaskKeys(_ keys: [String]) async throws -> Set<String>

    /// The visit and the check-ins of the members seen, in one transaction.
    func insertVisit(_ visit: HouseholdVisit, audit: AuditEvent) async throws
    func visits(within path: String, from: Date, to: Date) async throws -> [HouseholdVisit]
    /// A compound's households by building, and how many of them were visited in [from, to).
    func buildingCoverage(compound: String, from: Date, to: Date) async throws -> [BuildingCoverage]

    /// The follow-up of one person for one day (a second entry that day replaces the first), with its check-in.
    func saveFollowUp(_ followUp: FollowUp, audit: AuditEvent) async throws
    func followUps(person: String) async throws -> [FollowUp]
    func followUps(people: [String], since: CalendarDate) async throws -> [FollowUp]
    /// The people in quarantine living within `area`: red now and exposed to a case since `since`;
    /// by area, then id, one page, with how many there are.
    func quarantined(within area: AreaPath, since: Date, page: PageRequest) async throws -> ListPage<QuarantinedResident>

    /// Submits (or re-submits) grids' reports, in one transaction with one audit entry.
    func saveDailyReports(_ reports: [DailyReport], audit: AuditEvent) async throws
    func dailyReports(within path: String, day: CalendarDate) async throws -> [DailyReport]
    /// Which grids under `path` reported that day, zero or late: what completeness needs, without the documents.
    func reportSubmissions(within path: String, day: CalendarDate) async throws -> [(gridID: String, zero: Bool, late: Bool)]
    /// Exposures (any category) of residents living under `path` whose last exposure is at or after `since`.
    func exposuresOfResidents(within path: String, since: Date) async throws -> [ContactExposure]
    /// The households of a compound with the grid each is in.
    func households(compound: String) async throws -> [(household: String, gridID: String?, gridPath: String)]

    /// Grid ids and paths under an area, for completeness.
    func grids(within path: String) async throws -> [(id: String, path: String, name: String)]

    func saveShift(_ shift: DutyShift, audit: AuditEvent) async throws
    func shift(id: String) async throws -> DutyShift?
    /// Shifts at these places overlapping [from, to), by start.
    func shifts(places: [String], from: Date, to: Date) async throws -> [DutyShift]
}

extension GridRepository {
    /// Submits (or re-submits) a grid's report for a day.
    public func saveDailyReport(_ report: DailyReport, audit: AuditEvent) async throws {
        try await saveDailyReports([report], audit: audit)
    }
}
