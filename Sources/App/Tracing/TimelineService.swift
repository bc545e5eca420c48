import ContactTracing
import Domain
import Foundation
import Logging

/// The server's timeline index: loaded from the store at start-up, then following the store's
/// presence table (rows after the last sequence number seen), so events imported by the API, by
/// `cordon import` or by another instance on the same PostgreSQL all reach it the same way.
///
/// Queries take a snapshot (the index is a value; copying it shares the arrays), so tracing never
/// blocks ingestion.
public actor TimelineService {
    private var index = TimelineIndex()
    private var lastSequence: Int64 = 0
    public private(set) var isLoaded = false
    /// Set when presence arrived that open cases have not been traced against yet.
    public private(set) var pendingRetrace = false

    public func clearPendingRetrace() { pendingRetrace = false }
    /// The index's event count and bytes, readable without waiting for the actor (`/metrics`).
    public nonisolated let size = TimelineSize()
    private let store: any CordonStore
    private let logger: Logger

    public init(store: any CordonStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func snapshot() -> TimelineIndex { index }

    /// Reads residents, places and the presence of the retention window into memory. Callers that
    /// come while a load is under way wait for that one (an actor lets them in at every `await`;
    /// two loads at once would add every event twice).
    public func load(progress: (@Sendable (String) -> Void)? = nil) async throws {
        guard !isLoaded else { return }
        if let loading { return try await loading.value }
        let task = Task { try await self.readAll(progress: progress) }
        loading = task
        defer { loading = nil }
        try await task.value
    }

    private var loading: Task<Void, any Error>?

    private func readAll(progress: (@Sendable (String) -> Void)?) async throws {
        let started = ContinuousClock.now
        var after: String? = nil
        var people = 0
        while true {
            let page = try await store.residentHouseholds(after: after, limit: 50_000)
            guard let last = page.last else { break }
            for (resident, household) in page { index.addPerson(resident, household: household) }
            people += page.count
            after = last.resident
        }
        index.refreshHouseholds()
        try await refreshPlaces()
        let total = try await store.presenceCount()
        logger.info("timeline: \(people) people, \(index.places.count) places; loading \(total) presence events")
        var loaded = 0
        var nextReport = 1_000_000
        while true {
            let added = try await followStore(pageSize: 100_000)
            if added == 0 { break }
            loaded += added
            if loaded >= nextReport {
                let line = "timeline: \(loaded) of \(total) presence events loaded"
                logger.info("\(line)")
                progress?(line)
                nextReport += 1_000_000
            }
        }
        index.compact()
        isLoaded = true
        publishSize()
        let elapsed = (ContinuousClock.now - started).components
        let seconds = String(format: "%.1f", Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        logger.info("timeline: ready with \(index.eventCount) events in \(seconds) s (\(index.eventBytes / 1_048_576) MiB of event arrays)")
    }

    /// Adds presence rows the store has and the index does not; returns how many.
    @discardableResult
    public func catchUp() async throws -> Int {
        // Before the first load there is nothing to follow from (load reads everything).
        guard isLoaded else { return 0 }
        var added = 0
        while true {
            let n = try await followStore(pageSize: 50_000)
            if n == 0 { return added }
            added += n
        }
    }

    /// Takes rows this process has just stored (checkpoint scans) without reading them back, when
    /// they continue the index exactly; otherwise (another writer's rows came between, or a gap)
    /// reads the store from the last row seen.
    public func follow(_ rows: [StoredPresence]) async throws {
        guard isLoaded, let first = rows.first, let last = rows.last else { return }
        // Rows come in rising sequence order, so no gap inside means last − first = count − 1.
        if first.sequence == lastSequence + 1 && last.sequence - first.sequence == Int64(rows.count - 1) {
            _ = try await take(rows[...])
        } else {
            _ = try await catchUp()
        }
    }

    private func followStore(pageSize: Int) async throws -> Int {
        let page = try await store.presence(after: lastSequence, limit: pageSize)
        return try await take(page[...])
    }

    private func take(_ page: ArraySlice<StoredPresence>) async throws -> Int {
        // Another catch-up may have run while this one waited for the store: skip what it added.
        var added = 0
        var unknownPlace = false
        for row in page where row.sequence > lastSequence {
            let e = row.event
            index.add(person: e.person, place: e.place, start: Minutes.of(e.start), end: Minutes.of(e.end), seatRow: e.seatRow)
            if let n = index.places.number(of: e.place), index.kind(ofPlace: n) == nil { unknownPlace = true }
            lastSequence = row.sequence
            added += 1
        }
        if unknownPlace { try await refreshPlaces() }
        if added > 0 && isLoaded {
            pendingRetrace = true
            publishSize()
        }
        return added
    }

    private func refreshPlaces() async throws {
        // In id order, so places get the same numbers on every start.
        for (id, kind) in try await store.placeKinds().sorted(by: { $0.key < $1.key }) { index.addPlace(id, kind: kind) }
    }

    /// Registers residents imported while the server runs.
    public func addPeople(_ residents: [(id: String, household: String?)], refreshHouseholds: Bool = true) {
        for r in residents { index.addPerson(r.id, household: r.household) }
        if refreshHouseholds { index.refreshHouseholds() }
    }

    public func refreshHouseholds() {
        if isLoaded { index.refreshHouseholds() }
    }

    /// A self-declared person merged into the register's record (same identity number): their
    /// presence is now the register person's. When that cannot be done in place (the register's
    /// id already has events) the index is read again from the store, which the merge rewrote.
    public func renamePerson(_ old: String, to new: String) async throws {
        guard isLoaded, !index.renamePerson(old, to: new) else { return }
        guard index.people.number(of: old) != nil else { return }
        logger.warning("timeline: \(new) already had presence; reloading the index after merging \(old)")
        index = TimelineIndex()
        lastSequence = 0
        isLoaded = false
        try await load()
    }

    /// Registers places imported while the server runs.
    public func addPlaces(_ places: [Place]) {
        for p in places { index.addPlace(p.id, kind: p.kind) }
    }

    /// Deletes presence older than the retention window from the store and the index (audited).
    public func purge(retentionDays: Int, now: Date, audit: AuditEvent) async throws -> Int {
        let cutoff = now.addingTimeInterval(-Double(retentionDays) * 86_400)
        let deleted = try await store.purgePresence(endedBefore: cutoff, audit: audit)
        index.removeEvents(endedBefore: Minutes.of(cutoff))
        publishSize()
        return deleted
    }

    /// On an instance that does not run retention: its index lets go of what the leader purges.
    public func forget(retentionDays: Int, now: Date) {
        index.removeEvents(endedBefore: Minutes.of(now.addingTimeInterval(-Double(retentionDays) * 86_400)))
        publishSize()
    }

    private func publishSize() {
        size.update(events: index.eventCount, bytes: index.memoryBytes)
    }
}
