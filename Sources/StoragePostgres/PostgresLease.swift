import Logging
import PostgresNIO

/// Leases as PostgreSQL session advisory locks: a lock's key is the 64-bit FNV-1a hash of
/// `cordon-lease:NAME`, so every instance derives the same key from the same name.
enum PostgresLease {
    static let checkEvery: Duration = .seconds(2)

    static func key(_ name: String) -> Int64 {
        let hash = "cordon-lease:\(name)".utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }

    static func tryLock(_ key: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger)
        for try await taken in rows.decode(Bool.self) { return taken }
        return false
    }

    /// Lets go of every advisory lock of the connection's session (a lock taken twice on one
    /// session is held twice). A connection that broke has lost them already, so a failure here
    /// changes nothing.
    static func release(on connection: PostgresConnection, logger: Logger) async {
        let release = Task { _ = try? await connection.query("SELECT pg_advisory_unlock_all()", logger: logger) }
        await release.value
    }
}
