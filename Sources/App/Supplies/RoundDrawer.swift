import Foundation
import Logging
import ServiceLifecycle

/// While serving: draws each reservation round as soon as its entries close (checked every 30 s),
/// so the seed is revealed and the winners can collect without anyone pressing a button.
struct RoundDrawer: Service {
    let rounds: MaskRoundService
    let health: DatabaseHealth
    let leadership: Leadership
    let logger: Logger
    var every: Duration = .seconds(30)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let drawn = leadership.isLeader ? try await rounds.drawDue() : 0
                if drawn > 0 { logger.notice("supplies: drew \(drawn) reservation round(s)") }
                await health.succeeded()
            } catch {
                await health.failed(error, in: "supplies: rounds not drawn")
            }
            await pauseUnlessShuttingDown(for: health.pause(after: every))
        }
    }
}
