import Domain
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the server's timeline current: follows presence other writers committed (`cordon import`,
/// another instance on the same PostgreSQL) every two seconds (a scan on one instance is in a trace
/// on every other within five), and once a day purges presence older
/// than the profile's retention window from the store and the index (audited).
public struct TimelineKeeper: Service {
    let timeline: TimelineService
    let profiles: ProfileStore
    let clock: WallClock
    let logger: Logger
    let cases: CaseService
    let tracing: CaseTracing
    let health: DatabaseHealth?
    /// Every instance follows the timeline; the retracing, the retries and retention run on the leader (nil: here).
    let leadership: Leadership?
    let interval: Duration

    public init(
        timeline: TimelineService, profiles: ProfileStore, clock: WallClock, logger: Logger, cases: CaseService, tracing: CaseTracing,
        health: DatabaseHealth? = nil, leadership: Leadership? = nil, interval: Duration = .seconds(2)
    ) {
        self.health = health
        self.leadership = leadership
        self.timeline = timeline
        self.profiles = profiles
        self.clock = clock
        self.logger = logger
        self.cases = cases
        self.tracing = tracing
        self.interval = interval
    }

    public func run() async throws {
        var nextPurge = Date.distantPast
        var nextRetrace = Date.distantPast
        var nextRetry = Date.distantPast
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Nothing to keep before the server has loaded the timeline (tracing an empty one
                // would find no contacts).
                guard await timeline.isLoaded else {
                    await pauseUnlessShuttingDown(for: interval)
                    continue
                }
                let added = try await timeline.catchUp()
                if added > 0 { logger.info("timeline: \(added) presence events from other writers") }
                // Presence that arrives late can make new contacts of open cases: trace them again,
                // at most once a minute.
                let pending = await timeline.pendingRetrace
                let leads = leadership?.isLeader ?? true
                if leads && (added > 0 || pending) && clock.now() >= nextRetrace {
                    let retraced = try await retraceOpenCases()
                    if retraced > 0 { logger.info("tracing: \(retraced) open cases traced again after new presence") }
                    nextRetrace = clock.now().addingTimeInterval(60)
                }
                // Cases whose last trace failed keep their earlier contacts until a trace succeeds.
                if leads && clock.now() >= nextRetry {
                    let recovered = try await cases.retryFailedTraces()
                    if recovered > 0 { logger.notice("tracing: \(recovered) cases traced again after a failed trace") }
                    nextRetry = clock.now().addingTimeInterval(60)
                }
                if clock.now() >= nextPurge {
                    if leads {
                        let deleted = try await purge()
                        if deleted > 0 { logger.notice("retention: purged \(deleted) presence events older than \(profiles.profile.retentionDays) days") }
                    } else {
                        await timeline.forget(retentionDays: profiles.profile.retentionDays, now: clock.now())
                    }
                    nextPurge = clock.now().addingTimeInterval(leads ? 86_400 : 3_600)
                }
                await health?.succeeded()
            } catch {
                if let health { await health.failed(error, in: "timeline upkeep failed") } else { logger.error("timeline upkeep failed: \(error)") }
            }
            await pauseUnlessShuttingDown(for: health?.pause(after: interval) ?? interval)
        }
    }

    /// Traces again every case whose first positive sample lies within the quarantine period (the
    /// cases whose contacts can still be red); returns how many.
    public func retraceOpenCases() async throws -> Int {
        await timeline.clearPendingRetrace()
        let since = clock.now().addingTimeInterval(-Double(profiles.profile.colours.quarantineDays) * 86_400)
        var count = 0
        for facts in try await tracing.cases(within: .everywhere, limit: 10_000) where facts.firstPositiveSample >= since {
            try await cases.caseChanged(facts.person, actor: "system:tracing")
            count += 1
        }
        return count
    }

    /// Deletes presence older than the retention window; returns how many events went.
    public func purge() async throws -> Int {
        try await timeline.purge(
            retentionDays: profiles.profile.retentionDays, now: clock.now(),
            audit: clock.event("system:retention", .presencePurge, kind: "presence", id: "*"))
    }
}
