import Domain
import Logging
import ServiceLifecycle
import Synchronization

/// Which instance runs the work that must run once however many serve one database: the rules
/// and escalations, the outbox, the rounds' draws, retention, the retracing of open cases, the
/// dashboard's history. Every instance follows the timeline and writes its own gates' counts.
public final class Leadership: Sendable {
    private let held = Atomic<Bool>(false)

    public init() {}

    /// Whether this instance holds the lease now; the loops ask at every round.
    public var isLeader: Bool { held.load(ordering: .acquiring) }

    func set(_ value: Bool) { held.store(value, ordering: .releasing) }
}

/// Takes the background-work lease and holds it until the server stops or the lease is lost;
/// an instance without it asks again every two seconds, so when the leader dies (its database
/// connection closes, and the advisory lock with it) another takes over within seconds.
struct LeaderLease: Service {
    let leases: any LeaseRepository
    let leadership: Leadership
    let health: DatabaseHealth
    let logger: Logger
    static let name = "background-work"
    var askEvery: Duration = .seconds(2)

    func run() async throws {
        var waitingSaid = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let held = try await leases.withLease(Self.name) { [leadership, logger] in
                    leadership.set(true)
                    logger.notice("lease: this instance runs the background work (rules, outbox, draws, retention)")
                    defer { leadership.set(false) }
                    // Held until the server stops; a lost lease cancels this.
                    try await gracefulShutdown()
                }
                if !held, !waitingSaid {
                    logger.notice("lease: another instance runs the background work; this one serves and follows the timeline")
                    waitingSaid = true
                }
                if held { waitingSaid = false }
            } catch {
                if !Task.isShuttingDownGracefully && !Task.isCancelled { await health.failed(error, in: "lease: not held") }
            }
            leadership.set(false)
            await pauseUnlessShuttingDown(for: health.pause(after: askEvery))
        }
    }
}
