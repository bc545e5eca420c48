import Foundation
import Synchronization

/// Public pages and open data are read by the whole city and change when a case or a post does:
/// each is computed at most once per `lifetime` and served from memory in between. One computation
/// per key at a time: readers arriving while it runs wait for it instead of starting their own.
public final class PublicCache: Sendable {
    private let lifetime: TimeInterval
    private let entries = Mutex<[String: (task: Task<any Sendable, any Error>, made: ContinuousClock.Instant)]>([:])
    /// Keys follow what readers ask for (a bulletin of any day): bounded, the oldest age out together.
    private let capacity: Int

    init(lifetime: TimeInterval = 15, capacity: Int = 2_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// How many documents are held now (never more than the capacity).
    public var cachedEntries: Int { entries.withLock { $0.count } }

    func value<T: Sendable>(_ key: String, make: @escaping @Sendable () async throws -> T) async throws -> T {
        // How old a cached answer is: elapsed time (monotonic), not the city's clock.
        let now = ContinuousClock.now
        let task = entries.withLock { entries -> Task<any Sendable, any Error> in
            if let hit = entries[key], hit.made.duration(to: now) < .seconds(lifetime) { return hit.task }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            let task = Task<any Sendable, any Error> { try await make() }
            entries[key] = (task, now)
            return task
        }
        do {
            guard let value = try await task.value as? T else { throw CacheError.typeMismatch(key) }
            return value
        } catch {
            // A failed computation is not kept: the next reader tries again.
            entries.withLock { if $0[key]?.made == now { $0[key] = nil } }
            throw error
        }
    }

    /// After a publication: the next reader sees it at once.
    func clear() { entries.withLock { $0.removeAll() } }

    enum CacheError: Error { case typeMismatch(String) }
}
