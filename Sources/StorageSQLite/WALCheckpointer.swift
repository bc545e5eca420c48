import GRDB

/// Copies the write-ahead log into the database file from a connection of its own, a few times a
/// second, so that commits do not have to. With SQLite's automatic checkpoint, the commit that
/// crossed every thousandth WAL page copied the log and synced the database file itself, and every
/// checkpoint scan in that group commit waited for it: 15–20 ms, the scans' p99. A passive
/// checkpoint blocks neither the writer nor readers. The automatic one stays as a backstop, at a
/// larger size, for when this one falls behind (a bulk import).
final class WALCheckpointer: Sendable {
    /// WAL pages (4 KiB) after which a commit checkpoints by itself.
    static let backstopPages = 8_000
    private let task: Task<Void, Never>

    init(path: String, every interval: Duration = .milliseconds(200)) throws {
        var config = Configuration()
        config.label = "cordon-checkpoint"
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try DatabaseQueue(path: path, configuration: config)
        task = Task.detached(priority: .utility) {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // Busy (another checkpoint, a bulk load's own) is fine: the next round catches up.
                _ = try? await queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
        }
    }

    func stop() { task.cancel() }
}
