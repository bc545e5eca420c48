import Foundation
import Logging
import ServiceLifecycle

/// Runs the notice rules every minute while serving (arrivals from high-risk regions, close contacts
/// found, daily quarantine reminders); the outbox sends what they queue.
struct NotificationKeeper: Service {
    let services: CordonServices
    var interval: Duration = .seconds(60)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let queued = try await NotificationService(services: services).runRules()
                if !queued.isEmpty { services.logger.info("notices: \(queued.count) queued") }
            } catch {
                services.logger.error("notices: rules failed: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
