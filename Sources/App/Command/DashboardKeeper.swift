import Domain
import Foundation
import Logging
import ServiceLifecycle

/// While serving: writes the gates' scan counts every few seconds, and every ten minutes stores the
/// day's colours of the city and of each district, the "colours over time" chart's history (the
/// statuses table holds only the present).
struct DashboardKeeper: Service {
    let store: any CommandRepository & AreaRepository
    let dashboard: DashboardService
    let scanTally: ScanTally
    let clock: WallClock
    let logger: Logger
    let health: DatabaseHealth
    /// Every instance writes its own gates' counts; the leader alone keeps the colours' history.
    let leadership: Leadership
    var flushEvery: Duration = .seconds(10)
    var snapshotEvery: TimeInterval = 600

    func run() async throws {
        var lastSnapshot: Date?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await scanTally.flush()
                let now = clock.now()
                if leadership.isLeader, lastSnapshot.map({ now.timeIntervalSince($0) >= snapshotEvery }) ?? true {
                    try await snapshot()
                    lastSnapshot = now
                }
                await health.succeeded()
            } catch {
                await health.failed(error, in: "dashboard")
            }
            await pauseUnlessShuttingDown(for: health.pause(after: flushEvery))
        }
        // What the gates counted since the last round is not lost at shutdown.
        do { try await scanTally.flush() } catch { logger.error("dashboard: scans not written at shutdown: \(error)") }
    }

    /// Today's colours of the top areas and the level below them, as they stand now.
    func snapshot() async throws {
        var areas = try await store.children(of: nil)
        for top in areas { areas += try await store.children(of: top.id) }
        var days: [ColourDaySnapshot] = []
        for area in areas {
            let board = try await dashboard.compute(area)
            guard let day = CalendarDate(iso: board.day) else { continue }
            days.append(.init(areaID: area.id, day: day, red: board.colours.red, yellow: board.colours.yellow, green: board.colours.green))
        }
        try await store.saveColourDays(days)
    }
}
