import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle

/// An orchestrator kills a server 30 s after SIGTERM, and a load balancer waits for it to go: once
/// a shutdown begins, the process ends within `limit` whatever it is doing. The service group
/// escalates a slow graceful shutdown to cancellation first; work that ignores even that (a call
/// to a database that went away) is cut off here. Nothing committed is lost: the store's
/// transactions are atomic, and outbox messages a batch had claimed return when their claim lapses.
public struct ShutdownDeadline: Service {
    let limit: Duration
    let logger: Logger

    public init(limit: Duration = .seconds(9), logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    /// Placed last in the group, it hears the shutdown first (a group stops its services in reverse order).
    public func run() async throws {
        try await gracefulShutdown()
        let (limit, logger) = (self.limit, self.logger)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18)
            logger.critical("shutdown still running \(limit) after the signal: exiting now (committed work is kept; claimed outbox messages return when their claim lapses)")
            // `_exit`, not `exit`: the handlers `exit` runs could wait on a lock the stuck work holds.
            _exit(1)
        }
    }
}
