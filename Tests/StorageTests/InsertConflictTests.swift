import Foundation
import StorageSQL
import StorageSQLite
import Testing
import TestSupport

/// SQLite's `INSERT OR IGNORE` skips a row with a NULL in a NOT NULL column without a word, where
/// `ON CONFLICT DO NOTHING` refuses it. Bulk presence uses the first (it needs no statement journal);
/// nothing else may, or a bug that leaves a column empty would lose records silently.
@Suite("Insert conflicts on SQLite")
struct InsertConflictTests {
    static let columns = ["id", "person", "place", "start_at", "end_at", "seat", "source"]

    static func row(_ id: String, person: SQLValue = .text("R1")) -> [SQLValue] {
        [.text(id), person, .text("V1"), .integer(1_764_000_000), .integer(1_764_001_800), .null, .text("test")]
    }

    @Test("a NULL in a NOT NULL column is an error unless the rows say only duplicates can conflict; duplicates are skipped either way")
    func nullIsAnErrorByDefault() async throws {
        let directory = try TestDirectory.make("conflicts")
        let db = try SQLiteDatabase(path: directory.appendingPathComponent("cordon.sqlite").path)

        let withNull = RowInsert(into: "presence", columns: Self.columns, rows: [Self.row("E1"), Self.row("E2", person: .null)])
        await #expect(throws: (any Error).self) { try await db.write { tx in try await tx.load(withNull) } }
        // The failed load left nothing behind: its transaction was rolled back whole.
        #expect(try await db.count("SELECT count(*) FROM presence") == 0)

        var rows = RowInsert(into: "presence", columns: Self.columns, rows: [Self.row("E1"), Self.row("E2"), Self.row("E1")])
        rows.onlyDuplicatesCanConflict = true
        let presence = rows
        #expect(presence.text(rows: 1, for: .sqlite).hasPrefix("INSERT OR IGNORE INTO presence"))
        #expect(presence.text(rows: 1, for: .postgres).hasSuffix("ON CONFLICT DO NOTHING"))
        #expect(try await db.write { tx in try await tx.load(presence) } == 2)
        #expect(try await db.write { tx in try await tx.load(presence) } == 0)
        #expect(try await db.count("SELECT count(*) FROM presence") == 2)
        try await db.close()
    }
}
