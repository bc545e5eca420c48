import Domain
import ServiceLifecycle

/// A service that starts its work only once `ready` opens — the store's connections running, the
/// schema migrated, the demo city made, the timeline loaded — so a first start on an empty
/// PostgreSQL database does not send the background loops at tables that do not exist yet. It
/// stops at once if the group shuts down before that.
struct StartsWhenReady: Service {
    let ready: Gate
    let service: any Service

    func run() async throws {
        await cancelWhenGracefulShutdown { await ready.wait() }
        guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
        try await service.run()
    }
}
