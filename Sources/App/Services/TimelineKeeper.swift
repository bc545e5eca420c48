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
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let added = try await services.timeline.catchUp()
                if added > 0 { services.logger.info("timeline: \(added) presence events from other writers") }
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

    /// Deletes presence older than the retention window; returns how many events went.
    public func purge() async throws -> Int {
        try await services.timeline.purge(
            retentionDays: services.profile.retentionDays, now: services.now(),
            audit: services.event("system:retention", "presence.purge", kind: "presence", id: "*"))
    }
}
