import Domain
import Foundation
import Synchronization

/// Bearer tokens recently seen, so a scanner or a data feed sending thousands of requests a
/// minute does not cost a database read each. An entry lives `lifetime` seconds: a token revoked
/// or an account disabled in the store stops working within that time on every instance.
public final class TokenCache: Sendable {
    private let lifetime: TimeInterval
    private let capacity: Int
    private let entries = Mutex<[Data: (principal: Principal, read: ContinuousClock.Instant)]>([:])

    init(lifetime: TimeInterval = 30, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func principal(tokenHash: Data, load: (Data) async throws -> Principal?) async throws -> Principal? {
        let now = ContinuousClock.now  // cache age: elapsed time, not the city's clock
        if let hit = entries.withLock({ $0[tokenHash] }), hit.read.duration(to: now) < .seconds(lifetime) { return hit.principal }
        // Unknown tokens are not remembered: a flood of made-up tokens must not fill the table.
        guard let principal = try await load(tokenHash) else { return nil }
        entries.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[tokenHash] = (principal, now)
        }
        return principal
    }
}
