import Domain
import Foundation
import Testing
import TestSupport

/// PostgreSQL keeps presence in day partitions (migration v36): retention drops whole days.
@Suite("Presence day partitions (PostgreSQL)")
struct PresencePartitionTests {
    static let day: Int64 = 20_400  // 2025-11-08
    static func event(_ id: String, endingOn day: Int64, at second: Int64 = 43_200) -> PresenceEvent {
        let end = Date(seconds: day * 86_400 + second)
        return PresenceEvent(id: id, person: "R1", place: "V1", start: end.addingTimeInterval(-1_800), end: end, source: "test")
    }

    static func partitions(_ fresh: FreshStore) async throws -> [String] {
        try await fresh.postgresExecute(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'presence'::regclass ORDER BY 1")
    }

    @Test("each day's events go to that day's partition, made when first needed; a purge drops the days before the cutoff whole and deletes the rest of the cutoff's day")
    func purgeDropsDays() async throws {
        guard Backend.available.contains(.postgres) else { return }
        let fresh = try await FreshStore.make(.postgres)
        let store = fresh.store
        let events = [
            Self.event("A", endingOn: Self.day - 30), Self.event("B", endingOn: Self.day - 30, at: 80_000),
            Self.event("C", endingOn: Self.day - 22), Self.event("D", endingOn: Self.day, at: 3_600), Self.event("E", endingOn: Self.day, at: 50_000),
            Self.event("F", endingOn: Self.day + 2),
        ]
        #expect(try await store.insertPresence(events, audit: nil) == 6)
        #expect(try await store.insertNewPresence([Self.event("G", endingOn: Self.day + 3)], audits: []).count == 1)
        #expect(try await Self.partitions(fresh) == ["presence_20251009", "presence_20251017", "presence_20251108", "presence_20251110", "presence_20251111", "presence_default"])
        #expect(try await fresh.postgresExecute("SELECT count(*)::text FROM presence_default") == ["0"])
        // The same id ending on the same day is known; the timeline reads across partitions in sequence order.
        #expect(try await store.insertPresence([Self.event("C", endingOn: Self.day - 22)], audit: nil) == 0)
        #expect(try await store.presence(after: 0, limit: 10).map(\.event.id) == ["A", "B", "C", "D", "E", "F", "G"])

        let audit = AuditEvent(at: Date(), actor: "test", action: "presence.purge", subjectKind: "presence", subjectID: "*", detail: "")
        let cutoff = Date(seconds: Self.day * 86_400 + 7_200)  // two hours into the day of D and E
        #expect(try await store.purgePresence(endedBefore: cutoff, audit: audit) == 4)
        #expect(try await Self.partitions(fresh) == ["presence_20251108", "presence_20251110", "presence_20251111", "presence_default"])
        #expect(try await store.presence(after: 0, limit: 10).map(\.event.id) == ["E", "F", "G"])
        #expect(try await store.recentAudit(subjectID: "*", limit: 1).first?.event.detail.hasPrefix("4 presence events") == true)
        // A day dropped can come back (a late feed): its partition is made again.
        #expect(try await store.insertPresence([Self.event("H", endingOn: Self.day - 30)], audit: nil) == 1)
        #expect(try await Self.partitions(fresh).contains("presence_20251009"))
        try await store.close()
    }

    @Test("a batch that fails takes its new day's partition with it, and the next batch of that day makes it again")
    func failedBatchForgetsItsDay() async throws {
        guard Backend.available.contains(.postgres) else { return }
        let fresh = try await FreshStore.make(.postgres)
        var broken = Self.event("BAD", endingOn: Self.day + 9)
        broken.source = "nul\u{0}byte"  // PostgreSQL refuses a NUL in text: the whole batch fails
        await #expect(throws: (any Error).self) { try await fresh.store.insertPresence([broken], audit: nil) }
        #expect(try await Self.partitions(fresh) == ["presence_default"])
        #expect(try await fresh.store.insertPresence([Self.event("GOOD", endingOn: Self.day + 9)], audit: nil) == 1)
        #expect(try await Self.partitions(fresh) == ["presence_20251117", "presence_default"])
        #expect(try await fresh.postgresExecute("SELECT count(*)::text FROM presence_default") == ["0"])
        try await fresh.store.close()
    }

    @Test("a scan batch naming one id with two ends stores both on PostgreSQL, each answered with its own event")
    func oneIDTwoEnds() async throws {
        guard Backend.available.contains(.postgres) else { return }
        let fresh = try await FreshStore.make(.postgres)
        let first = Self.event("S", endingOn: Self.day), second = Self.event("S", endingOn: Self.day + 1)
        let stored = try await fresh.store.insertNewPresence([first, second, first], audits: [])
        #expect(stored.map(\.event) == [first, second])
        try await fresh.store.close()
    }

    @Test("rows of the table before v36 move into day partitions at the next start, in sequence order, and the old table goes")
    func rowsMoveIn() async throws {
        guard Backend.available.contains(.postgres) else { return }
        let fresh = try await FreshStore.make(.postgres)
        #expect(try await fresh.store.insertPresence([Self.event("NEW", endingOn: Self.day + 1)], audit: nil) == 1)
        // What v36 leaves of a store that had presence: the old table under its new name.
        _ = try await fresh.postgresExecute(
            """
            CREATE TABLE presence_unpartitioned (seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, person TEXT NOT NULL, place TEXT NOT NULL,
              start_at BIGINT NOT NULL, end_at BIGINT NOT NULL, seat TEXT, source TEXT)
            """)
        _ = try await fresh.postgresExecute(
            """
            INSERT INTO presence_unpartitioned VALUES
              (-3, 'OLD1', 'R1', 'V1', \(Self.day * 86_400 - 9_000), \(Self.day * 86_400 - 7_200), NULL, 'rail'),
              (-2, 'OLD2', 'R2', 'V1', \((Self.day - 5) * 86_400), \((Self.day - 5) * 86_400 + 600), '12A', NULL)
            """)
        try await fresh.store.migrate()
        #expect(try await fresh.postgresExecute("SELECT (to_regclass('presence_unpartitioned') IS NULL)::text") == ["true"])
        let all = try await fresh.store.presence(after: -10, limit: 10)
        #expect(all.map(\.event.id) == ["OLD1", "OLD2", "NEW"])
        #expect(all.map(\.sequence).prefix(2) == [-3, -2])
        #expect(all[1].event.seat == "12A" && all[0].event.source == "rail")
        #expect(try await Self.partitions(fresh).contains("presence_20251103"))
        try await fresh.store.close()
    }
}
