/// Work that must run on one instance at a time (the rules, the outbox, retention) takes a lease
/// from the store. On PostgreSQL it is an advisory lock held by one connection: when the instance
/// dies, its connection closes and the lock goes with it, so another instance takes over without
/// waiting for a timeout. On SQLite one process owns the file, and the lease is always its own.
public protocol LeaseRepository: Sendable {
    /// Runs `body` while this process holds the lease `name` and returns true when `body` ends;
    /// returns false at once when another process holds it. Losing the lease (the database gone,
    /// the connection cut) cancels `body` and throws.
    func withLease(_ name: String, _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool
}
