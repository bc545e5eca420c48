import Foundation

/// Facts behind health colours (check-ins, case records, exposures found by tracing, overrides) and
/// the computed statuses with their history.
public protocol HealthRepository: Sendable {
    func insertCheckIn(_ checkIn: CheckIn, audit: AuditEvent?) async throws
    /// Many check-ins in one transaction (feeds from community screening, the benchmark).
    func insertCheckIns(_ checkIns: [CheckIn], audit: AuditEvent?) async throws
    func checkIns(person: String, since: Date) async throws -> [CheckIn]
    /// The check-ins of many people since one time, by person, then time.
    func checkIns(people: [String], since: Date) async throws -> [CheckIn]

    func caseRecord(person: String) async throws -> CaseRecord?
    func saveCaseRecord(_ record: CaseRecord, audit: AuditEvent) async throws

    /// A trace of this case failed: counted, with when and why (earlier exposures are left alone).
    func recordTraceFailure(caseID: String, at: Date, reason: String) async throws
    /// Cases whose last trace failed, the longest-failing first (the server retries them).
    func traceFailures(limit: Int) async throws -> [TraceFailure]
    func traceFailure(caseID: String) async throws -> TraceFailure?
    /// The recorded failures among these cases (for a page that lists them).
    func traceFailures(caseIDs: [String]) async throws -> [TraceFailure]

    /// Replaces what tracing found for one case (tracing runs again when a case appears or changes);
    /// a recorded trace failure of the case is cleared in the same transaction.
    func replaceExposures(caseID: String, with exposures: [ContactExposure], audit: AuditEvent?) async throws
    func exposures(person: String) async throws -> [ContactExposure]
    /// What the last successful trace of a case found (the contacts colours rest on), by person.
    func exposures(caseID: String) async throws -> [ContactExposure]
    /// Everyone whose exposures name this case.
    func exposedPeople(caseID: String) async throws -> [String]
    /// How many stored contacts each of these cases has in each category.
    func exposureCounts(caseIDs: [String]) async throws -> [ExposureCount]
    /// The stored exposures between people of this list (which case exposed which other case).
    func exposureLinks(among people: [String]) async throws -> [(caseID: String, person: String)]
    /// The people with a positive result living within `area` (everywhere: anyone), by their first
    /// positive sample, one page, with how many there are.
    func positivePeople(within area: AreaPath, page: PageRequest) async throws -> ListPage<String>

    func insertOverrideRequest(_ request: OverrideRequest, audit: AuditEvent) async throws
    func overrideRequest(id: String) async throws -> OverrideRequest?
    /// Records a decision only if the request is still proposed (false when someone decided first),
    /// with the message that tells the person, in the same transaction.
    func decideOverride(_ request: OverrideRequest, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool
    func overrideRequests(person: String) async throws -> [OverrideRequest]
    /// Proposed colour changes for people living within `area`, oldest first.
    /// One page of the proposed overrides of people living within `area`, oldest first, and how many there are.
    func pendingOverrideRequests(within area: AreaPath, page: PageRequest) async throws -> ListPage<OverrideRequest>

    /// Stores the current status and, when the colour or the reasons changed, appends it to the history.
    /// Returns the previous colour when it was a different one (what a colour-change notice needs).
    @discardableResult
    func saveStatus(_ status: HealthStatus) async throws -> HealthColour?
    /// The same for many people in one transaction; the previous colours of those whose colour changed.
    @discardableResult
    func saveStatuses(_ statuses: [HealthStatus]) async throws -> [String: HealthColour]
    func status(person: String) async throws -> HealthStatus?
    func statusHistory(person: String) async throws -> [HealthStatus]

    func insertAppeal(_ appeal: Appeal, audit: AuditEvent) async throws
    func appeal(id: String) async throws -> Appeal?
    func appeals(person: String) async throws -> [Appeal]
    /// Open appeals of people living within `area`, the nearest deadline first.
    /// One page of the open appeals of people living within `area`, nearest deadline first, and how many there are.
    func openAppeals(within area: AreaPath, page: PageRequest) async throws -> ListPage<Appeal>
    /// Records the decision if the appeal is still open (false otherwise), with the correction an
    /// upheld appeal makes and the message to the resident, in one transaction.
    func decideAppeal(_ appeal: Appeal, correction: FactCorrection?, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool
    func corrections(person: String) async throws -> [FactCorrection]

    /// All facts recorded since `since` (lab results, arrivals, check-ins; case records, exposures,
    /// approved overrides and corrections whatever their age), for `cordon status recompute`.
    func healthFacts(since: Date) async throws -> HealthFactRows
}
