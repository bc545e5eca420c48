import Foundation
import Logging
import ServiceLifecycle

/// Runs the grid task rules and the escalation of overdue tasks every minute while serving.
struct GridKeeper: Service {
    let services: CordonServices
    var interval: Duration = .seconds(60)

    func run() async throws {
        let tasks = GridTaskService(services: services)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let made = try await tasks.generate()
                let raised = try await tasks.escalate()
                if !made.isEmpty || !raised.isEmpty { services.logger.info("grid: \(made.count) new tasks, \(raised.count) escalated") }
            } catch {
                services.logger.error("grid: task rules failed: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
