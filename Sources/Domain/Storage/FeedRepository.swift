import Foundation

/// Presence, laboratory results and arrivals: append-only feeds, idempotent by record id.
public protocol FeedRepository: Sendable {
    /// Inserts events whose id is new, with the audit entries, in one transaction; returns the new
    /// rows with their sequence numbers, in sequence order (so the timeline index can take them
    /// without reading them back). Once it returns, they are durable.
    func insertNewPresence(_ events: [PresenceEvent], audits: [AuditEvent]) async throws -> [StoredPresence]
    /// Imports: inserts events whose id is new, with the audit entry, in one transaction; returns
    /// how many were new (a bulk load: PostgreSQL's COPY). Once it returns, they are durable.
    func insertPresence(_ events: [PresenceEvent], audit: AuditEvent?) async throws -> Int
    func insertLabResults(_ results: [LabResult], audit: AuditEvent?) async throws -> Int
    func insertArrivals(_ arrivals: [Arrival], audit: AuditEvent?) async throws -> Int

    /// Presence in sequence order after `sequence`, one page: the timeline index reads the whole
    /// retention window this way at start-up and then follows new rows.
    func presence(after sequence: Int64, limit: Int) async throws -> [StoredPresence]
    /// Deletes presence that ended before `cutoff` (the retention window) and audits how much.
    func purgePresence(endedBefore cutoff: Date, audit: AuditEvent) async throws -> Int
    func presenceCount() async throws -> Int

    func labResults(person: String) async throws -> [LabResult]
    /// People with at least one positive result, with the first positive sample time, oldest first.
    /// Positive results of people living within `area` (everyone's, also those with no area, for `.everywhere`), oldest first.
    func positiveLabResults(within area: AreaPath, limit: Int) async throws -> [LabResult]
    func arrivals(person: String) async throws -> [Arrival]
    /// Arrivals (from the feeds, not declarations) of people living within `path`, newest first,
    /// paged and counted in the store.
    func arrivals(within path: AreaPath, filter: ArrivalFilter, page: PageRequest) async throws -> ListPage<ListedArrival>
    /// The same arrivals counted by origin region, most first.
    func arrivalCounts(within path: AreaPath, filter: ArrivalFilter) async throws -> [RegionCount]
    /// Counts records a source stored (by the hour), for the feeds' health.
    func recordFeedDelivery(kind: String, source: String, records: Int, at: Date) async throws
    /// Every source that delivered in the last `days` days: its last delivery and its records in
    /// the hour and the 24 hours before `now`, by kind and source.
    func feedActivity(now: Date, days: Int) async throws -> [FeedActivity]

    /// Resident ids with their household, in id order, one page: the timeline index interns every
    /// resident and knows who shares a household.
    func residentHouseholds(after id: String?, limit: Int) async throws -> [(resident: String, household: String?)]
}
