import Domain
import Foundation
import ServiceLifecycle

/// Keeps the server's timeline current: follows presence other writers committed (`cordon import`,
/// another instance on the same PostgreSQL) every few seconds, and once a day purges presence older
/// than the profile's retention window from the store and the index (audited).
public struct TimelineKeeper: Service {
    let services: CordonServices
    let interval: Duration

    public init(services: CordonServices, interval: Duration = .seconds(5)) {
        self.services = services
        self.interval = interval
    }

    public func run() async throws {
        var nextPurge = Date.distantPast
        var nextRetrace = Date.distantPast
        var nextRetry = Date.distantPast
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let added = try await services.timeline.catchUp()
                if added > 0 { services.logger.info("timeline: \(added) presence events from other writers") }
                // Presence that arrives late can make new contacts of open cases: trace them again,
                // at most once a minute.
                let pending = await services.timeline.pendingRetrace
                if (added > 0 || pending) && services.now() >= nextRetrace {
                    let retraced = try await retraceOpenCases()
                    if retraced > 0 { services.logger.info("tracing: \(retraced) open cases traced again after new presence") }
                    nextRetrace = services.now().addingTimeInterval(60)
                }
                // Cases whose last trace failed keep their earlier contacts until a trace succeeds.
                if services.now() >= nextRetry {
                    let recovered = try await CaseService(services: services).retryFailedTraces()
                    if recovered > 0 { services.logger.notice("tracing: \(recovered) cases traced again after a failed trace") }
                    nextRetry = services.now().addingTimeInterval(60)
                }
                if services.now() >= nextPurge {
                    let deleted = try await purge()
                    if deleted > 0 { services.logger.notice("retention: purged \(deleted) presence events older than \(services.profile.retentionDays) days") }
                    nextPurge = services.now().addingTimeInterval(86_400)
                }
            } catch {
                services.logger.error("timeline upkeep failed: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Traces again every case whose first positive sample lies within the quarantine period (the
    /// cases whose contacts can still be red); returns how many.
    public func retraceOpenCases() async throws -> Int {
        await services.timeline.clearPendingRetrace()
        let since = services.now().addingTimeInterval(-Double(services.profile.colours.quarantineDays) * 86_400)
        var count = 0
        for facts in try await CaseTracing(services: services).cases(within: .everywhere, limit: 10_000) where facts.firstPositiveSample >= since {
            try await CaseService(services: services).caseChanged(facts.person, actor: "system:tracing")
            count += 1
        }
        return count
    }

    /// Deletes presence older than the retention window; returns how many events went.
    public func purge() async throws -> Int {
        try await services.timeline.purge(
            retentionDays: services.profile.retentionDays, now: services.now(),
            audit: services.event("system:retention", .presencePurge, kind: "presence", id: "*"))
    }
}
