import Foundation
import GRDB
import StorageSQLite
import Testing
import TestSupport

/// An answered scan or a reported import batch must survive a power cut, not only a crash: the
/// connection that commits syncs the write-ahead log on every commit (SQLite's synchronous = FULL).
@Suite("SQLite durability")
struct SQLiteDurabilityTests {
    @Test("the writer syncs every commit (synchronous = FULL, not the NORMAL GRDB sets with WAL)")
    func writerSyncsEveryCommit() async throws {
        let directory = try TestDirectory.make("durability")
        let db = try SQLiteDatabase(path: directory.appendingPathComponent("cordon.sqlite").path)
        let (mode, synchronous) = try await db.pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(synchronous == 2, "PRAGMA synchronous on the writer: 2 is FULL, 1 NORMAL")
        try await db.close()
    }
}
