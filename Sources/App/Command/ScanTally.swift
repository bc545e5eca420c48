import Domain
import Foundation

/// Counts checkpoint scans and refusals by gate and hour in memory, and writes them in one batch
/// (every few seconds, and before a dashboard is computed): a busy gate's scans must not each
/// cost a second write, and the counts are figures, not records (the scans themselves are stored
/// as presence when they are valid).
public actor ScanTally {
    private let store: any CommandRepository & FeedRepository
    private var pending: [Key: (scans: Int, refused: Int)] = [:]
    private var lastScan: Date?

    struct Key: Hashable {
        var place: String
        var hour: Int64
    }

    init(store: any CommandRepository & FeedRepository) { self.store = store }

    /// One scan at `place`; refused when the gate turned the person away (an invalid code, or a
    /// colour that does not pass).
    public func count(place: String, at: Date, refused: Bool) {
        let key = Key(place: place, hour: Int64((at.timeIntervalSince1970 / 3_600).rounded(.down)))
        var entry = pending[key] ?? (0, 0)
        entry.scans += 1
        if refused { entry.refused += 1 }
        pending[key] = entry
        lastScan = max(lastScan ?? at, at)
    }

    /// Writes what was counted; kept for the next try if the store fails.
    public func flush() async throws {
        guard !pending.isEmpty, let last = lastScan else { return }
        let batch = pending
        pending = [:]
        lastScan = nil
        let tallies = batch.map { CheckpointTally(place: $0.key.place, hour: Date(timeIntervalSince1970: Double($0.key.hour) * 3_600), scans: $0.value.scans, refused: $0.value.refused) }
        do {
            try await store.addCheckpointScans(tallies)
        } catch {
            for (key, value) in batch {
                let now = pending[key] ?? (0, 0)
                pending[key] = (now.scans + value.scans, now.refused + value.refused)
            }
            lastScan = max(lastScan ?? last, last)
            throw error
        }
        // The gates are a data source like any feed: feed health shows when scans stop coming.
        try await store.recordFeedDelivery(kind: "checkpoint-scan", source: "checkpoints", records: tallies.reduce(0) { $0 + $1.scans }, at: last)
    }
}
