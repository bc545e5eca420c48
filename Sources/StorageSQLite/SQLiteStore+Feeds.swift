import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func insertNewPresence(_ events: [PresenceEvent], audits: [AuditEvent]) async throws -> [StoredPresence] {
        try await pool.write { db in
            let insert = try RowBinder(
                db.cachedStatement(
                    sql: """
                        INSERT INTO presence (id, person, place, start_at, end_at, seat, source)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                        """), in: db)
            var inserted: [StoredPresence] = []
            for i in events.indices {
                insert.bind(1, events[i].id)
                insert.bind(2, events[i].person)
                insert.bind(3, events[i].place)
                insert.bind(4, events[i].start.seconds)
                insert.bind(5, events[i].end.seconds)
                insert.bind(6, events[i].seat)
                insert.bind(7, events[i].source)
                if try insert.run() == 1 { inserted.append(StoredPresence(sequence: db.lastInsertedRowID, event: events[i])) }
            }
            for audit in audits { try self.append(audit, in: db) }
            return inserted
        }
    }

    public func insertLabResults(_ results: [LabResult], audit: AuditEvent?) async throws -> Int {
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO lab_results (id, person, sampled_at, result, test, lab)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                    """)
            var inserted = 0
            for r in results {
                try statement.execute(arguments: [r.id, r.person, r.sampledAt.seconds, r.result.rawValue, r.test.rawValue, r.lab])
                inserted += db.changesCount
            }
            if let audit { try self.append(audit, in: db) }
            return inserted
        }
    }

    public func insertArrivals(_ arrivals: [Arrival], audit: AuditEvent?) async throws -> Int {
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO arrivals (id, person, from_region, arrived_at, mode, trip)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                    """)
            var inserted = 0
            for a in arrivals {
                try statement.execute(arguments: [a.id, a.person, a.from, a.arrivedAt.seconds, a.mode, a.trip])
                inserted += db.changesCount
            }
            if let audit { try self.append(audit, in: db) }
            return inserted
        }
    }

    public func presence(after sequence: Int64, limit: Int) async throws -> [StoredPresence] {
        try await pool.read { db in
            var page: [StoredPresence] = []
            page.reserveCapacity(limit)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT seq, id, person, place, start_at, end_at, seat, source FROM presence WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [sequence, limit])
            while let row = try rows.next() {
                page.append(
                    StoredPresence(
                        sequence: row[0],
                        event: PresenceEvent(
                            id: row[1], person: row[2], place: row[3], start: Date(seconds: row[4]), end: Date(seconds: row[5]),
                            seat: row[6], source: row[7])))
            }
            return page
        }
    }

    public func purgePresence(endedBefore cutoff: Date, audit: AuditEvent) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM presence WHERE end_at < ?", arguments: [cutoff.seconds])
            let deleted = db.changesCount
            var event = audit
            event.detail = "\(deleted) presence events that ended before \(Timestamp.format(cutoff))"
            try self.append(event, in: db)
            return deleted
        }
    }

    public func presenceCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM presence") ?? 0 }
    }

    public func labResults(person: String) async throws -> [LabResult] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM lab_results WHERE person = ? ORDER BY sampled_at, id", arguments: [person]).map(Self.labResult)
        }
    }

    public func positiveLabResults(within area: AreaPath, limit: Int) async throws -> [LabResult] {
        try await pool.read { db in
            // Everywhere: the partial index on positives alone (people with no area included). An area:
            // the same scan, each result's resident found by primary key and kept when inside.
            area == .everywhere
                ? try Row.fetchAll(db, sql: "SELECT * FROM lab_results WHERE result = 'positive' ORDER BY sampled_at, id LIMIT ?", arguments: [limit]).map(Self.labResult)
                : try Row.fetchAll(
                    db,
                    sql: """
                        SELECT l.* FROM lab_results l JOIN residents r ON r.id = l.person
                        WHERE l.result = 'positive' AND r.area_path >= ? AND r.area_path < ? ORDER BY l.sampled_at, l.id LIMIT ?
                        """,
                    arguments: [area.lowerBound, area.upperBound, limit]
                ).map(Self.labResult)
        }
    }

    public func arrivals(person: String) async throws -> [Arrival] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM arrivals WHERE person = ? ORDER BY arrived_at, id", arguments: [person]).map { row in
                Arrival(
                    id: row["id"], person: row["person"], from: row["from_region"], arrivedAt: Date(seconds: row["arrived_at"]),
                    mode: row["mode"], trip: row["trip"])
            }
        }
    }

    public func residentHouseholds(after id: String?, limit: Int) async throws -> [(resident: String, household: String?)] {
        try await pool.read { db in
            var page: [(resident: String, household: String?)] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, household_id FROM residents WHERE id > ? ORDER BY id LIMIT ?", arguments: [id ?? "", limit])
            while let row = try rows.next() { page.append((row[0], row[1])) }
            return page
        }
    }

    static func labResult(_ row: Row) -> LabResult {
        LabResult(
            id: row["id"], person: row["person"], sampledAt: Date(seconds: row["sampled_at"]),
            result: LabOutcome(rawValue: row["result"]) ?? .negative, test: LabTest(rawValue: row["test"]) ?? .pcr, lab: row["lab"])
    }
}
