import Domain
import Foundation
import Synchronization

/// Which places are checkpoints (and in which area), kept in memory because a gate asks it
/// thousands of times a minute and the answer changes rarely. Entries are dropped after
/// `lifetime`, so a re-classified place shows within minutes. (Whose code it is needs no look-up:
/// the code's sealed subject says so, see `CodeSubject`.)
public final class CheckpointDirectory: Sendable {
    public struct Checkpoint: Sendable {
        public var areaPath: String?
    }

    private struct Entry<Value> {
        var value: Value
        var read: ContinuousClock.Instant
    }

    private let store: any CordonStore
    private let lifetime: TimeInterval
    private let checkpoints = Mutex<[String: Entry<Checkpoint?>]>([:])

    /// Entries kept at most: ids come from scanners, so made-up ones must not grow the table without end.
    private let capacity: Int

    public init(store: any CordonStore, lifetime: TimeInterval = 300, capacity: Int = 20_000) {
        self.store = store
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// How many ids the table holds now (never more than the capacity).
    public var cachedEntries: Int { checkpoints.withLock { $0.count } }

    /// The checkpoint with this place id, or nil when there is no such place or it is not a checkpoint.
    public func checkpoint(_ id: String) async throws -> Checkpoint? {
        let now = ContinuousClock.now  // cache age: elapsed time, not the city's clock
        if let hit = checkpoints.withLock({ $0[id] }), hit.read.duration(to: now) < .seconds(lifetime) { return hit.value }
        var found: Checkpoint? = nil
        if let place = try await store.place(id: id), place.kind == .checkpoint {
            var path: String? = nil
            if let area = place.areaID { path = try await store.area(id: area)?.path }
            found = Checkpoint(areaPath: path)
        }
        let value = found
        checkpoints.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[id] = Entry(value: value, read: now)
        }
        return value
    }
}
