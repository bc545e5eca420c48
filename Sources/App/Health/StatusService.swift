import Domain
import Foundation
import HealthRules

/// Computes and stores health statuses: one person when a fact about them arrives, or everyone
/// (`cordon status recompute`). The engine is pure; this only reads facts and writes the result.
public struct StatusService: Sendable {
    let services: CordonServices
    var engine: StatusEngine { StatusEngine(profile: services.profile) }

    public init(services: CordonServices) { self.services = services }

    /// Recomputes and stores one person's status, appending to their history when it changed.
    @discardableResult
    public func refresh(_ person: String) async throws -> HealthStatus {
        let facts = try await HealthFactsService(services: services).facts(for: person)
        let status = engine.status(facts, at: services.now())
        try await services.store.saveStatus(status)
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
            try await services.store.saveStatuses(statuses.sorted { $0.person < $1.person })
            start += chunk.count
        }
    }

    /// The person's current status (computed now, so it is never stale) without storing it.
    public func current(_ person: String) async throws -> HealthStatus {
        engine.status(try await HealthFactsService(services: services).facts(for: person), at: services.now())
    }

    /// Recomputes everyone; returns how many of each colour.
    public func recomputeAll(progress: (Int) -> Void = { _ in }) async throws -> [HealthColour: Int] {
        var counts: [HealthColour: Int] = [:]
        var after: String? = nil
        var done = 0
        while true {
            let page = try await services.store.residentHouseholds(after: after, limit: 1000)
            guard let last = page.last else { break }
            for r in page {
                let status = try await refresh(r.resident)
                counts[status.colour, default: 0] += 1
            }
            done += page.count
            progress(done)
            after = last.resident
        }
        return counts
    }
}
