import Foundation
import Synchronization

/// Public pages and open data are read by the whole city and change when a case or a post does:
/// each is computed at most once per `lifetime` and served from memory in between.
public final class PublicCache: Sendable {
    private let lifetime: TimeInterval
    private let entries = Mutex<[String: (value: any Sendable, made: Date)]>([:])

    init(lifetime: TimeInterval = 15) { self.lifetime = lifetime }

    func value<T: Sendable>(_ key: String, make: () async throws -> T) async throws -> T {
        if let hit = entries.withLock({ $0[key] }), Date().timeIntervalSince(hit.made) < lifetime, let value = hit.value as? T { return value }
        let value = try await make()
        entries.withLock { $0[key] = (value, Date()) }
        return value
    }

    /// After a publication: the next reader sees it at once.
    func clear() { entries.withLock { $0.removeAll() } }
}
