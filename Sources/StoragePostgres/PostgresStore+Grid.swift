import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func assign(_ a: Assignment, areaPath: String, audit: AuditEvent) async throws {
        try await transaction { connection in
            try await connection.query(
                "UPDATE assignments SET to_at = \(a.from.seconds) WHERE account_id = \(a.accountID) AND to_at IS NULL", logger: self.logger)
            try await connection.query(
                "INSERT INTO assignments (account_id, area_id, from_at, by) VALUES (\(a.accountID), \(a.areaID), \(a.from.seconds), \(a.by))",
                logger: self.logger)
            let moved = try await self.rows(
                "UPDATE accounts SET jurisdiction_id = \(a.areaID), jurisdiction_path = \(areaPath) WHERE id = \(a.accountID) RETURNING id", on: connection)
            guard moved.count == 1 else { throw StoreError.notFound(kind: "account", id: a.accountID) }
            try await self.append(audit, on: connection)
        }
    }

    public func assignments(accountID: String) async throws -> [Assignment] {
        try await rows("SELECT * FROM assignments WHERE account_id = \(accountID) ORDER BY seq").map(Self.assignment)
    }

    public func assignments(ofAccountsWithin area: AreaPath) async throws -> [Assignment] {
        let (lower, upper) = (area.lowerBound, area.upperBound)
        return try await rows(
            """
            SELECT s.* FROM assignments s JOIN accounts a ON a.id = s.account_id
            WHERE a.jurisdiction_path >= \(lower) AND a.jurisdiction_path < \(upper) ORDER BY s.account_id, s.seq
            """
        ).map(Self.assignment)
    }

    static func assignment(_ row: PostgresRandomAccessRow) throws -> Assignment {
        Assignment(
            accountID: try row.value("account_id"), areaID: try row.value("area_id"), from: Date(seconds: try row.value("from_at")),
            to: (try row.value("to_at", as: Int64?.self)).map(Date.init(seconds:)), by: try row.value("by"))
    }

    public func insertTasks(_ tasks: [GridTask], audit: AuditEvent?) async throws -> [GridTask] {
        guard !tasks.isEmpty else { return [] }
        return try await transaction { connection in
            let inserted = try await self.insertMany(
                into: "grid_tasks", columns: ["id", "fact_key", "grid_path", "state", "due_at", "escalation", "doc"],
                rows: try tasks.map {
                    [.text($0.id), .text($0.factKey), .text($0.gridPath), .text($0.state.rawValue), .int($0.dueAt.seconds), .int(Int64($0.escalation)),
                     .text(try GridJSON.text($0))]
                },
                onConflict: "ON CONFLICT (fact_key) DO NOTHING", returning: "id", on: connection)
            let ids = Set(try inserted.map { try $0.value("id", as: String.self) })
            if let audit, !ids.isEmpty { try await self.append(audit, on: connection) }
            return tasks.filter { ids.contains($0.id) }
        }
    }

    public func task(id: String) async throws -> GridTask? {
        try await rows("SELECT doc FROM grid_tasks WHERE id = \(id)").first.map { try GridJSON.decode(GridTask.self, try $0.value("doc")) }
    }

    public func tasks(within path: String, states: Set<TaskState>, limit: Int) async throws -> [GridTask] {
        let upper = path + "~"
        let wanted = states.map(\.rawValue)
        return try await rows(
            """
            SELECT doc FROM grid_tasks WHERE grid_path >= \(path) AND grid_path < \(upper) AND state = ANY(\(wanted))
            ORDER BY state IN ('open', 'in-progress') DESC, due_at, id LIMIT \(limit)
            """
        ).map { try GridJSON.decode(GridTask.self, try $0.value("doc")) }
    }

    public func tasksDueForEscalation(at now: Date, every interval: TimeInterval, limit: Int) async throws -> [GridTask] {
        try await rows(
            """
            SELECT doc FROM grid_tasks WHERE state IN ('open', 'in-progress') AND escalation < 3 AND due_at < \(now.seconds) - escalation * \(Int64(interval))
            ORDER BY due_at LIMIT \(limit)
            """
        ).map { try GridJSON.decode(GridTask.self, try $0.value("doc")) }
    }

    public func updateTask(_ t: GridTask, from previous: GridTask, audit: AuditEvent) async throws -> Bool {
        let doc = try GridJSON.text(t)
        return try await transaction { connection in
            let changed = try await self.rows(
                """
                UPDATE grid_tasks SET state = \(t.state.rawValue), due_at = \(t.dueAt.seconds), escalation = \(t.escalation), doc = \(doc)
                WHERE id = \(t.id) AND state = \(previous.state.rawValue) AND escalation = \(previous.escalation) RETURNING id
                """, on: connection)
            guard changed.count == 1 else { return false }
            try await self.append(audit, on: connection)
            return true
        }
    }

    public func existingTaskKeys(_ keys: [String]) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return Set(try await rows("SELECT fact_key FROM grid_tasks WHERE fact_key = ANY(\(keys))").map { try $0.value("fact_key", as: String.self) })
    }

    public func insertVisit(_ v: HouseholdVisit, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(v)
        try await transaction { connection in
            try await connection.query(
                "INSERT INTO household_visits (id, household, grid_path, at, doc) VALUES (\(v.id), \(v.household), \(v.gridPath), \(v.at.seconds), \(doc))",
                logger: self.logger)
            try await self.insertCheckIns(v.checkIns, on: connection)
            try await self.append(audit, on: connection)
        }
    }

    public func visits(within path: String, from: Date, to: Date) async throws -> [HouseholdVisit] {
        let upper = path + "~"
        return try await rows(
            "SELECT doc FROM household_visits WHERE grid_path >= \(path) AND grid_path < \(upper) AND at >= \(from.seconds) AND at < \(to.seconds) ORDER BY at"
        ).map { try GridJSON.decode(HouseholdVisit.self, try $0.value("doc")) }
    }

    public func saveFollowUp(_ f: FollowUp, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(f)
        try await transaction { connection in
            // A correction the same day replaces the entry and the check-in the first one made.
            if let earlier = try await self.rows("SELECT doc FROM follow_ups WHERE person = \(f.person) AND day = \(f.day.description) FOR UPDATE", on: connection).first {
                let by = "follow-up:" + (try GridJSON.decode(FollowUp.self, try earlier.value("doc"))).id
                try await connection.query("DELETE FROM check_ins WHERE person = \(f.person) AND by = \(by)", logger: self.logger)
            }
            try await connection.query(
                """
                INSERT INTO follow_ups (person, day, doc) VALUES (\(f.person), \(f.day.description), \(doc))
                ON CONFLICT (person, day) DO UPDATE SET doc = excluded.doc
                """, logger: self.logger)
            if let c = f.checkIn { try await self.insertCheckIns([c], on: connection) }
            try await self.append(audit, on: connection)
        }
    }

    public func followUps(person: String) async throws -> [FollowUp] {
        try await rows("SELECT doc FROM follow_ups WHERE person = \(person) ORDER BY day").map { try GridJSON.decode(FollowUp.self, try $0.value("doc")) }
    }

    public func followUps(people: [String], since: CalendarDate) async throws -> [FollowUp] {
        guard !people.isEmpty else { return [] }
        return try await rows("SELECT doc FROM follow_ups WHERE day >= \(since.description) AND person = ANY(\(people)) ORDER BY person, day")
            .map { try GridJSON.decode(FollowUp.self, try $0.value("doc")) }
    }

    public func saveDailyReports(_ reports: [DailyReport], audit: AuditEvent) async throws {
        try await transaction { connection in
            _ = try await self.insertMany(
                into: "daily_reports", columns: ["grid_id", "day", "grid_path", "zero", "late", "doc"],
                rows: try reports.map { [.text($0.gridID), .text($0.day.description), .text($0.gridPath), .bool($0.zero), .bool($0.late), .text(try GridJSON.text($0))] },
                onConflict: "ON CONFLICT (grid_id, day) DO UPDATE SET grid_path = excluded.grid_path, zero = excluded.zero, late = excluded.late, doc = excluded.doc", returning: "grid_id",
                on: connection)
            try await self.append(audit, on: connection)
        }
    }

    public func dailyReports(within path: String, day: CalendarDate) async throws -> [DailyReport] {
        let upper = path + "~"
        return try await rows("SELECT doc FROM daily_reports WHERE day = \(day.description) AND grid_path >= \(path) AND grid_path < \(upper)")
            .map { try GridJSON.decode(DailyReport.self, try $0.value("doc")) }
    }

    public func reportSubmissions(within path: String, day: CalendarDate) async throws -> [(gridID: String, zero: Bool, late: Bool)] {
        let upper = path + "~"
        return try await rows("SELECT grid_id, zero, late FROM daily_reports WHERE day = \(day.description) AND grid_path >= \(path) AND grid_path < \(upper)")
            .map { (try $0.value("grid_id"), try $0.value("zero"), try $0.value("late")) }
    }

    public func exposuresOfResidents(within path: String, since: Date) async throws -> [ContactExposure] {
        let upper = path + "~"
        return try await rows(
            """
            SELECT e.* FROM exposures e JOIN residents r ON r.id = e.person
            WHERE r.area_path >= \(path) AND r.area_path < \(upper) AND e.last_exposure >= \(since.seconds) ORDER BY e.person, e.case_id
            """
        ).map(Self.exposure)
    }

    public func households(compound: String) async throws -> [(household: String, gridID: String?, gridPath: String)] {
        try await rows(
            """
            SELECT household_id, MIN(area_id) AS area_id, MIN(area_path) AS area_path FROM residents
            WHERE compound_id = \(compound) AND household_id IS NOT NULL GROUP BY household_id ORDER BY household_id
            """
        ).map { (try $0.value("household_id"), try $0.value("area_id", as: String?.self), try $0.value("area_path")) }
    }

    public func grids(within path: String) async throws -> [(id: String, path: String, name: String)] {
        let upper = path + "~"
        return try await rows("SELECT id, path, name FROM areas WHERE level = 'grid' AND path >= \(path) AND path < \(upper) ORDER BY path").map {
            (try $0.value("id"), try $0.value("path"), try $0.value("name"))
        }
    }

    public func saveShift(_ s: DutyShift, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(s)
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO duty_shifts (id, place, starts_at, ends_at, doc) VALUES (\(s.id), \(s.place), \(s.startsAt.seconds), \(s.endsAt.seconds), \(doc))
                ON CONFLICT (id) DO UPDATE SET place = excluded.place, starts_at = excluded.starts_at, ends_at = excluded.ends_at, doc = excluded.doc
                """, logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func shift(id: String) async throws -> DutyShift? {
        try await rows("SELECT doc FROM duty_shifts WHERE id = \(id)").first.map { try GridJSON.decode(DutyShift.self, try $0.value("doc")) }
    }

    public func shifts(places: [String], from: Date, to: Date) async throws -> [DutyShift] {
        guard !places.isEmpty else { return [] }
        return try await rows(
            "SELECT doc FROM duty_shifts WHERE place = ANY(\(places)) AND starts_at < \(to.seconds) AND ends_at > \(from.seconds) ORDER BY starts_at, id"
        ).map { try GridJSON.decode(DutyShift.self, try $0.value("doc")) }
    }

    func insertCheckIns(_ checkIns: [CheckIn], on connection: PostgresConnection) async throws {
        guard !checkIns.isEmpty else { return }
        _ = try await insertMany(
            into: "check_ins", columns: ["person", "at", "temperature", "symptoms", "by"],
            rows: checkIns.map { [.text($0.person), .int($0.at.seconds), .double($0.temperature), .text($0.symptoms.joined(separator: ",")), .text($0.by)] },
            returning: "seq", on: connection)
    }
}
