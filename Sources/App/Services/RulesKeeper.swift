import Foundation
import Logging
import ServiceLifecycle

/// Every minute while serving: reads the recent facts once and runs the rules that act on them —
/// grid tasks (and the escalation of overdue ones) and alerts (high-risk arrivals, close contacts
/// found, quarantine reminders); the outbox sends what the alerts queue.
struct RulesKeeper: Service {
    let logger: Logger
    let recentFacts: RecentFacts
    let alerts: AlertService
    let tasks: GridTaskService
    let directives: DirectiveService
    let feeds: FeedHealthService
    let health: DatabaseHealth
    let leadership: Leadership
    let interval: Duration

    init(
        logger: Logger, recentFacts: RecentFacts, alerts: AlertService, tasks: GridTaskService, directives: DirectiveService, feeds: FeedHealthService,
        health: DatabaseHealth, leadership: Leadership, interval: Duration = .seconds(60)
    ) {
        self.health = health
        self.leadership = leadership
        self.logger = logger
        self.recentFacts = recentFacts
        self.alerts = alerts
        self.tasks = tasks
        self.directives = directives
        self.feeds = feeds
        self.interval = interval
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // One instance runs the rules: two would make every task and alert twice.
            guard leadership.isLeader else {
                await pauseUnlessShuttingDown(for: .seconds(2))
                continue
            }
            do {
                let facts = try await recentFacts.load()
                let made = try await tasks.generate(facts: facts)
                let raised = try await tasks.escalate()
                // Missing acknowledgements of directives go up the tree like overdue tasks.
                let unacknowledged = try await directives.escalate()
                if unacknowledged > 0 { logger.info("rules: \(unacknowledged) directive acknowledgements escalated") }
                // A feed gone silent is told to the command centre's phones, once per silence.
                let told = try await feeds.alertLate()
                if !told.isEmpty { logger.warning("rules: \(told.count) messages about late feeds queued") }
                let queued = try await alerts.runRules(facts: facts)
                if !made.isEmpty || !raised.isEmpty || !queued.isEmpty {
                    logger.info("rules: \(made.count) new tasks, \(raised.count) escalated, \(queued.count) alerts queued")
                }
                await health.succeeded()
            } catch {
                await health.failed(error, in: "rules")
            }
            await pauseUnlessShuttingDown(for: health.pause(after: interval))
        }
    }
}
