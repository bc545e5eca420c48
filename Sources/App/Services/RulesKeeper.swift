import Foundation
import Logging
import ServiceLifecycle

/// Every minute while serving: reads the recent facts once and runs the rules that act on them —
/// grid tasks (and the escalation of overdue ones) and alerts (high-risk arrivals, close contacts
/// found, quarantine reminders); the outbox sends what the alerts queue.
struct RulesKeeper: Service {
    let services: CordonServices
    var interval: Duration = .seconds(60)

    func run() async throws {
        let tasks = GridTaskService(services: services)
        let alerts = AlertService(services: services)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let facts = try await services.recentFacts()
                let made = try await tasks.generate(facts: facts)
                let raised = try await tasks.escalate()
                let queued = try await alerts.runRules(facts: facts)
                if !made.isEmpty || !raised.isEmpty || !queued.isEmpty {
                    services.logger.info("rules: \(made.count) new tasks, \(raised.count) escalated, \(queued.count) alerts queued")
                }
            } catch {
                services.logger.error("rules: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
