import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func assign(_ a: Assignment, areaPath: String, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE assignments SET to_at = ? WHERE account_id = ? AND to_at IS NULL", arguments: [a.from.seconds, a.accountID])
            try db.execute(
                sql: "INSERT INTO assignments (account_id, area_id, from_at, to_at, by) VALUES (?, ?, ?, NULL, ?)",
                arguments: [a.accountID, a.areaID, a.from.seconds, a.by])
            try db.execute(
                sql: "UPDATE accounts SET jurisdiction_id = ?, jurisdiction_path = ? WHERE id = ?", arguments: [a.areaID, areaPath, a.accountID])
            guard db.changesCount == 1 else { throw StoreError.notFound(kind: "account", id: a.accountID) }
            try self.append(audit, in: db)
        }
    }

    public func assignments(ofAccountsWithin area: AreaPath) async throws -> [Assignment] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM assignments s JOIN accounts a ON a.id = s.account_id
                    WHERE a.jurisdiction_path >= ? AND a.jurisdiction_path < ? ORDER BY s.account_id, s.seq
                    """,
                arguments: [area.lowerBound, area.upperBound]
            ).map(Self.assignment)
        }
    }

    static func assignment(_ row: Row) -> Assignment {
        Assignment(
            accountID: row["account_id"], areaID: row["area_id"], from: Date(seconds: row["from_at"]),
            to: (row["to_at"] as Int64?).map(Date.init(seconds:)), by: row["by"])
    }

    public func assignments(accountID: String) async throws -> [Assignment] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM assignments WHERE account_id = ? ORDER BY seq", arguments: [accountID]).map(Self.assignment)
        }
    }

    public func insertTasks(_ tasks: [GridTask], audit: AuditEvent?) async throws -> [GridTask] {
        try await pool.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO grid_tasks (id, fact_key, grid_path, state, due_at, escalation, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(fact_key) DO NOTHING
                    """)
            var inserted: [GridTask] = []
            for t in tasks {
                try insert.execute(arguments: [t.id, t.factKey, t.gridPath, t.state.rawValue, t.dueAt.seconds, t.escalation, try GridJSON.text(t)])
                if db.changesCount == 1 { inserted.append(t) }
            }
            if let audit, !inserted.isEmpty { try self.append(audit, in: db) }
            return inserted
        }
    }

    public func task(id: String) async throws -> GridTask? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT doc FROM grid_tasks WHERE id = ?", arguments: [id]) }
            .map { try GridJSON.decode(GridTask.self, $0) }
    }

    public func tasks(within path: String, states: Set<TaskState>, limit: Int) async throws -> [GridTask] {
        let wanted = states.map(\.rawValue)
        let docs = try await pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT doc FROM grid_tasks WHERE grid_path >= ? AND grid_path < ? AND state IN (\(wanted.map { _ in "?" }.joined(separator: ",")))
                    ORDER BY state IN ('open', 'in-progress') DESC, due_at, id LIMIT ?
                    """, arguments: StatementArguments(([path, path + "~"] + wanted).map { $0 as any DatabaseValueConvertible } + [limit]))
        }
        return try docs.map { try GridJSON.decode(GridTask.self, $0) }
    }

    public func tasksDueForEscalation(at now: Date, every interval: TimeInterval, limit: Int) async throws -> [GridTask] {
        let docs = try await pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT doc FROM grid_tasks WHERE state IN ('open', 'in-progress') AND escalation < 3 AND due_at < ? - escalation * ?
                    ORDER BY due_at LIMIT ?
                    """,
                arguments: [now.seconds, Int64(interval), limit])
        }
        return try docs.map { try GridJSON.decode(GridTask.self, $0) }
    }

    public func updateTask(_ t: GridTask, from previous: GridTask, audit: AuditEvent) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE grid_tasks SET state = ?, due_at = ?, escalation = ?, doc = ? WHERE id = ? AND state = ? AND escalation = ?",
                arguments: [t.state.rawValue, t.dueAt.seconds, t.escalation, try GridJSON.text(t), t.id, previous.state.rawValue, previous.escalation])
            guard db.changesCount == 1 else { return false }
            try self.append(audit, in: db)
            return true
        }
    }

    public func existingTaskKeys(_ keys: [String]) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try await pool.read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min(keys.count, $0 + 500)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                found.formUnion(try String.fetchAll(db, sql: "SELECT fact_key FROM grid_tasks WHERE fact_key IN (\(marks))", arguments: StatementArguments(chunk)))
            }
            return found
        }
    }

    public func insertVisit(_ v: HouseholdVisit, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO household_visits (id, household, grid_path, at, doc) VALUES (?, ?, ?, ?, ?)",
                arguments: [v.id, v.household, v.gridPath, v.at.seconds, try GridJSON.text(v)])
            try self.insertCheckIns(v.checkIns, in: db)
            try self.append(audit, in: db)
        }
    }

    public func visits(within path: String, from: Date, to: Date) async throws -> [HouseholdVisit] {
        let docs = try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT doc FROM household_visits WHERE grid_path >= ? AND grid_path < ? AND at >= ? AND at < ? ORDER BY at",
                arguments: [path, path + "~", from.seconds, to.seconds])
        }
        return try docs.map { try GridJSON.decode(HouseholdVisit.self, $0) }
    }

    public func saveFollowUp(_ f: FollowUp, audit: AuditEvent) async throws {
        try await pool.write { db in
            // A correction the same day replaces the entry and the check-in the first one made.
            if let earlier = try String.fetchOne(db, sql: "SELECT doc FROM follow_ups WHERE person = ? AND day = ?", arguments: [f.person, f.day.description]) {
                let id = try GridJSON.decode(FollowUp.self, earlier).id
                try db.execute(sql: "DELETE FROM check_ins WHERE person = ? AND by = ?", arguments: [f.person, "follow-up:\(id)"])
            }
            try db.execute(
                sql: "INSERT INTO follow_ups (person, day, doc) VALUES (?, ?, ?) ON CONFLICT(person, day) DO UPDATE SET doc = excluded.doc",
                arguments: [f.person, f.day.description, try GridJSON.text(f)])
            if let c = f.checkIn { try self.insertCheckIns([c], in: db) }
            try self.append(audit, in: db)
        }
    }

    public func followUps(person: String) async throws -> [FollowUp] {
        let docs = try await pool.read { db in try String.fetchAll(db, sql: "SELECT doc FROM follow_ups WHERE person = ? ORDER BY day", arguments: [person]) }
        return try docs.map { try GridJSON.decode(FollowUp.self, $0) }
    }

    public func followUps(people: [String], since: CalendarDate) async throws -> [FollowUp] {
        guard !people.isEmpty else { return [] }
        let docs = try await pool.read { db in
            var out: [String] = []
            for chunk in stride(from: 0, to: people.count, by: 500).map({ Array(people[$0..<min(people.count, $0 + 500)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                out += try String.fetchAll(
                    db, sql: "SELECT doc FROM follow_ups WHERE day >= ? AND person IN (\(marks)) ORDER BY person, day",
                    arguments: StatementArguments([since.description] + chunk))
            }
            return out
        }
        return try docs.map { try GridJSON.decode(FollowUp.self, $0) }
    }

    public func saveDailyReports(_ reports: [DailyReport], audit: AuditEvent) async throws {
        try await pool.write { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO daily_reports (grid_id, day, grid_path, zero, late, doc) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(grid_id, day) DO UPDATE SET grid_path = excluded.grid_path, zero = excluded.zero, late = excluded.late, doc = excluded.doc
                    """)
            for r in reports { try upsert.execute(arguments: [r.gridID, r.day.description, r.gridPath, r.zero, r.late, try GridJSON.text(r)]) }
            try self.append(audit, in: db)
        }
    }

    public func dailyReports(within path: String, day: CalendarDate) async throws -> [DailyReport] {
        let docs = try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT doc FROM daily_reports WHERE day = ? AND grid_path >= ? AND grid_path < ?", arguments: [day.description, path, path + "~"])
        }
        return try docs.map { try GridJSON.decode(DailyReport.self, $0) }
    }

    public func reportSubmissions(within path: String, day: CalendarDate) async throws -> [(gridID: String, zero: Bool, late: Bool)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT grid_id, zero, late FROM daily_reports WHERE day = ? AND grid_path >= ? AND grid_path < ?",
                arguments: [day.description, path, path + "~"]
            ).map { ($0["grid_id"], $0["zero"], $0["late"]) }
        }
    }

    public func exposuresOfResidents(within path: String, since: Date) async throws -> [ContactExposure] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM exposures e JOIN residents r ON r.id = e.person
                    WHERE r.area_path >= ? AND r.area_path < ? AND e.last_exposure >= ? ORDER BY e.person, e.case_id
                    """, arguments: [path, path + "~", since.seconds]
            ).map(Self.exposure)
        }
    }

    public func households(compound: String) async throws -> [(household: String, gridID: String?, gridPath: String)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT household_id, MIN(area_id) AS area_id, MIN(area_path) AS area_path FROM residents
                    WHERE compound_id = ? AND household_id IS NOT NULL GROUP BY household_id ORDER BY household_id
                    """, arguments: [compound]
            ).map { ($0["household_id"], $0["area_id"], $0["area_path"]) }
        }
    }

    public func grids(within path: String) async throws -> [(id: String, path: String, name: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, path, name FROM areas WHERE level = 'grid' AND path >= ? AND path < ? ORDER BY path", arguments: [path, path + "~"])
                .map { ($0["id"], $0["path"], $0["name"]) }
        }
    }

    public func saveShift(_ s: DutyShift, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO duty_shifts (id, place, starts_at, ends_at, doc) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET place = excluded.place, starts_at = excluded.starts_at, ends_at = excluded.ends_at, doc = excluded.doc
                    """, arguments: [s.id, s.place, s.startsAt.seconds, s.endsAt.seconds, try GridJSON.text(s)])
            try self.append(audit, in: db)
        }
    }

    public func shift(id: String) async throws -> DutyShift? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT doc FROM duty_shifts WHERE id = ?", arguments: [id]) }
            .map { try GridJSON.decode(DutyShift.self, $0) }
    }

    public func shifts(places: [String], from: Date, to: Date) async throws -> [DutyShift] {
        guard !places.isEmpty else { return [] }
        let docs = try await pool.read { db in
            let marks = places.map { _ in "?" }.joined(separator: ",")
            return try String.fetchAll(
                db, sql: "SELECT doc FROM duty_shifts WHERE place IN (\(marks)) AND starts_at < ? AND ends_at > ? ORDER BY starts_at, id",
                arguments: StatementArguments(places.map { $0 as any DatabaseValueConvertible } + [to.seconds, from.seconds]))
        }
        return try docs.map { try GridJSON.decode(DutyShift.self, $0) }
    }

    func insertCheckIns(_ checkIns: [CheckIn], in db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO check_ins (person, at, temperature, symptoms, by) VALUES (?, ?, ?, ?, ?)")
        for c in checkIns { try insert.execute(arguments: [c.person, c.at.seconds, c.temperature, c.symptoms.joined(separator: ","), c.by]) }
    }
}
