import Domain
import Foundation
import HealthRules
import Ingestion

/// Computes and stores health statuses: one person when a fact about them arrives, or everyone
/// (`cordon status recompute`). The engine is pure; this only reads facts and writes the result.
public struct StatusService: Sendable {
    let store: any HealthRepository
    let profiles: ProfileStore
    let clock: WallClock
    let facts: HealthFactsService
    let alerts: AlertService
    var engine: StatusEngine { StatusEngine(profile: profiles.profile) }

    /// Recomputes and stores one person's status, appending to their history when it changed.
    @discardableResult
    public func refresh(_ person: String) async throws -> HealthStatus {
        let status = engine.status(try await facts.facts(for: person), at: clock.now())
        // The store says what the colour was, read in the same transaction: a change is announced
        // (window 0: the fact key already makes each one a single message).
        if try await store.saveStatus(status) != nil {
            try await alerts.queue([alerts.colourAlert(status)], actor: "system:alerts", window: 0)
        }
        return status
    }

    /// Refreshes many people: facts are read several at a time (SQLite and PostgreSQL both serve
    /// reads in parallel) and the statuses saved 500 to a transaction, not one commit each.
    public func refresh(_ people: [String]) async throws {
        var start = 0
        while start < people.count {
            let chunk = Array(people[start..<min(people.count, start + 500)])
            let statuses = try await withThrowingTaskGroup(of: HealthStatus.self) { group in
                var result: [HealthStatus] = []
                var running = 0
                for person in chunk {
                    if running >= 8, let done = try await group.next() {
                        result.append(done)
                        running -= 1
                    }
                    group.addTask { try await self.current(person) }
                    running += 1
                }
                for try await done in group { result.append(done) }
                return result
            }
            let previous = try await store.saveStatuses(statuses.sorted { $0.person < $1.person })
            // Each colour that changed is announced to the person.
            try await alerts.queue(
                statuses.filter { previous[$0.person] != nil }.map(alerts.colourAlert), actor: "system:alerts", window: 0)
            start += chunk.count
        }
    }

    /// The person's current status (computed now, so it is never stale) without storing it.
    public func current(_ person: String) async throws -> HealthStatus {
        engine.status(try await facts.facts(for: person), at: clock.now())
    }

    /// Recomputes everyone: all stored facts are read table by table, the statuses of the people they
    /// concern computed on every core, and only statuses that are not green, or were not, are written.
    /// Everyone else is green without a rule being evaluated. Returns how many of each colour (people
    /// without facts counted as green, from `residents`).
    public func recomputeAll(residents: Int? = nil, progress: (Int) -> Void = { _ in }) async throws -> [HealthColour: Int] {
        let now = clock.now()
        let rows = try await store.healthFacts(since: facts.since)
        let statuses = Self.compute(rows, engine: engine, autoConfirm: profiles.profile.autoConfirm, at: now)
        let wasNotGreen = Set(rows.notGreen)
        let toSave = statuses.filter { $0.colour != .green || wasNotGreen.contains($0.person) }
        var saved = 0
        while saved < toSave.count {
            let batch = Array(toSave[saved..<min(toSave.count, saved + 2000)])
            try await store.saveStatuses(batch)
            saved += batch.count
            progress(saved)
        }
        var counts: [HealthColour: Int] = [:]
        for s in statuses { counts[s.colour, default: 0] += 1 }
        if let residents { counts[.green, default: 0] += max(0, residents - statuses.count) }
        return counts
    }

    /// The statuses of everyone the rows concern (plus those to turn green), computed in parallel.
    public static func compute(_ rows: HealthFactRows, engine: StatusEngine, autoConfirm: Bool, at now: Date) -> [HealthStatus] {
        let labs = Dictionary(grouping: rows.labs, by: \.person)
        let records = Dictionary(rows.caseRecords.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })
        let exposures = Dictionary(grouping: rows.exposures, by: \.person)
        let arrivals = Dictionary(grouping: rows.arrivals, by: \.person)
        let checkIns = Dictionary(grouping: rows.checkIns, by: \.person)
        let overrides = Dictionary(grouping: rows.overrides, by: \.person)
        let corrections = Dictionary(grouping: rows.corrections, by: \.person)
        var people = Set(labs.keys)
        people.formUnion(records.keys)
        people.formUnion(exposures.keys)
        people.formUnion(arrivals.keys)
        people.formUnion(checkIns.keys)
        people.formUnion(overrides.keys)
        people.formUnion(rows.notGreen)
        let list = people.sorted()
        let parts = max(1, min(64, list.count / 256))
        let slots = ResultSlots<HealthStatus>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lo = part * list.count / parts
            let hi = (part + 1) * list.count / parts
            var out: [HealthStatus] = []
            out.reserveCapacity(hi - lo)
            for person in list[lo..<hi] {
                let facts = PersonFacts.assemble(
                    person: person, labs: labs[person] ?? [], record: records[person], exposures: exposures[person] ?? [],
                    arrivals: arrivals[person] ?? [], checkIns: checkIns[person] ?? [], overrides: overrides[person] ?? [],
                    corrections: corrections[person] ?? [], autoConfirm: autoConfirm)
                out.append(engine.status(facts, at: now))
            }
            slots.store(part, out)
        }
        return slots.joined()
    }
}
