import Foundation
import Logging
import ServiceLifecycle

/// While serving: draws each reservation round as soon as its entries close (checked every 30 s),
/// so the seed is revealed and the winners can collect without anyone pressing a button.
struct RoundDrawer: Service {
    let rounds: MaskRoundService
    let logger: Logger
    var every: Duration = .seconds(30)

    func run() async throws {
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let drawn = try await rounds.drawDue()
                if drawn > 0 { logger.notice("supplies: drew \(drawn) reservation round(s)") }
                failing = false
            } catch {
                // Once per outage, not every 30 s.
                if !failing { logger.error("supplies: rounds not drawn: \(error)") }
                failing = true
            }
            await pauseUnlessShuttingDown(for: every)
        }
    }
}
