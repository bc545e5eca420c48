import Domain
import Foundation
import Synchronization

/// Counts checkpoint scans and refusals by gate and hour in memory, and writes them in one batch
/// (every few seconds, and before a dashboard is computed): a busy gate's scans must not each
/// cost a second write, and the counts are figures, not records (the scans themselves are stored
/// as presence when they are valid).
public final class ScanTally: Sendable {
    private let store: any CommandRepository & FeedRepository
    /// Counted under a lock, not in an actor: every scan counts, and a hop onto an actor for each
    /// showed in profiles of the scan route.
    private let state = Mutex(Counts())

    struct Key: Hashable {
        var place: String
        var hour: Int64
    }

    struct Counts {
        var pending: [Key: (scans: Int, refused: Int)] = [:]
        var lastScan: Date?

        mutating func add(place: String, at: Date, refused: Bool) {
            let key = Key(place: place, hour: Int64((at.timeIntervalSince1970 / 3_600).rounded(.down)))
            var entry = pending[key] ?? (0, 0)
            entry.scans += 1
            if refused { entry.refused += 1 }
            pending[key] = entry
            lastScan = max(lastScan ?? at, at)
        }
    }

    init(store: any CommandRepository & FeedRepository) { self.store = store }

    /// One scan at `place`; refused when the gate turned the person away (an invalid code, or a
    /// colour that does not pass).
    public func count(place: String, at: Date, refused: Bool) {
        state.withLock { $0.add(place: place, at: at, refused: refused) }
    }

    /// A gate's batch at once.
    public func count(_ scans: [(place: String, at: Date, refused: Bool)]) {
        state.withLock { counts in
            for scan in scans { counts.add(place: scan.place, at: scan.at, refused: scan.refused) }
        }
    }

    /// Writes what was counted; kept for the next try if the store fails.
    public func flush() async throws {
        // Taken whole: a scan counted while the store writes waits for the next flush.
        let batch = state.withLock { counts in
            defer { counts = Counts() }
            return counts
        }
        guard !batch.pending.isEmpty, let last = batch.lastScan else { return }
        let tallies = batch.pending.map {
            CheckpointTally(place: $0.key.place, hour: Date(timeIntervalSince1970: Double($0.key.hour) * 3_600), scans: $0.value.scans, refused: $0.value.refused)
        }
        do {
            try await store.addCheckpointScans(tallies)
        } catch {
            state.withLock { counts in
                for (key, value) in batch.pending {
                    let now = counts.pending[key] ?? (0, 0)
                    counts.pending[key] = (now.scans + value.scans, now.refused + value.refused)
                }
                counts.lastScan = max(counts.lastScan ?? last, last)
            }
            throw error
        }
        // The gates are a data source like any feed: feed health shows when scans stop coming.
        try await store.recordFeedDelivery(kind: "checkpoint-scan", source: "checkpoints", records: tallies.reduce(0) { $0 + $1.scans }, at: last)
    }
}
