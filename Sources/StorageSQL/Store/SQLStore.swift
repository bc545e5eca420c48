import Domain
import Foundation

/// Everything Cordon keeps, written once in SQL both databases speak, over a backend (SQLite
/// through GRDB, PostgreSQL through PostgresNIO) that runs it. Every mutating method is one
/// transaction that also appends its audit entry, so a change and its audit record are durable
/// together or not at all.
public final class SQLStore: CordonStore {
    public let backend: any SQLBackend
    let hasher: any AuditChainHasher

    public init(backend: any SQLBackend, hasher: any AuditChainHasher) {
        self.backend = backend
        self.hasher = hasher
    }

    var db: any SQLBackend { backend }
    public var backendName: String { backend.name }
    public var memoryBytes: Int? { backend.memoryBytes }
    public func schemaVersion() async throws -> Int { try await backend.schemaVersion() }
    public func ping() async throws { _ = try await db.count("SELECT 1") }
    public func withLease(_ name: String, _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        try await backend.withLease(name, body)
    }
    public func migrate() async throws { try await backend.migrate() }
    public func close() async throws { try await backend.close() }
}
