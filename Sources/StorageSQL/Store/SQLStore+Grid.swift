import Domain
import Foundation

extension SQLStore {
    public func assign(_ a: Assignment, areaPath: String, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.execute("UPDATE assignments SET to_at = \(a.from.seconds) WHERE account_id = \(a.accountID) AND to_at IS NULL")
            try await tx.execute(
                "INSERT INTO assignments (account_id, area_id, from_at, to_at, by) VALUES (\(a.accountID), \(a.areaID), \(a.from.seconds), NULL, \(a.by))")
            let moved = try await tx.execute(
                "UPDATE accounts SET jurisdiction_id = \(a.areaID), jurisdiction_path = \(areaPath) WHERE id = \(a.accountID)")
            guard moved == 1 else { throw StoreError.notFound(kind: "account", id: a.accountID) }
            try await self.append(audit, in: tx)
        }
    }

    public func assignments(accountID: String) async throws -> [Assignment] {
        try await db.query("SELECT * FROM assignments WHERE account_id = \(accountID) ORDER BY seq", Assignment.init(row:))
    }

    public func assignments(ofAccountsWithin area: AreaPath) async throws -> [Assignment] {
        try await db.query(
            """
            SELECT s.* FROM assignments s JOIN accounts a ON a.id = s.account_id
            WHERE a.jurisdiction_path >= \(area.lowerBound) AND a.jurisdiction_path < \(area.upperBound) ORDER BY s.account_id, s.seq
            """, Assignment.init(row:))
    }

    public func insertTasks(_ tasks: [GridTask], audit: AuditEvent?) async throws -> [GridTask] {
        guard !tasks.isEmpty else { return [] }
        return try await db.write { tx in
            let inserted = try await Self.insertTasks(tasks, in: tx)
            if let audit, !inserted.isEmpty { try await self.append(audit, in: tx) }
            return inserted
        }
    }

    /// Inserts the tasks whose fact has none yet, within a transaction; returns those inserted.
    static func insertTasks(_ tasks: [GridTask], in tx: any SQLExecutor) async throws -> [GridTask] {
        guard !tasks.isEmpty else { return [] }
        let rows: [[SQLValue]] = try tasks.map {
            [.text($0.id), .text($0.factKey), .text($0.gridPath), .text($0.state.rawValue), .integer($0.dueAt.seconds), $0.escalation.sqlValue,
             .text(try GridJSON.text($0)), .text($0.kind.rawValue)]
        }
        var ids = Set(
            try await tx.insert(
                RowInsert(
                    into: "grid_tasks", columns: ["id", "fact_key", "grid_path", "state", "due_at", "escalation", "doc", "kind"], rows: rows,
                    conflict: "ON CONFLICT (fact_key) DO NOTHING", returning: "id"),
                returning: { try $0.value("id", as: String.self) }))
        // A task repeated within the batch was inserted once: return it once, the first time.
        return tasks.filter { ids.remove($0.id) != nil }
    }

    public func task(id: String) async throws -> GridTask? {
        try await db.first("SELECT doc FROM grid_tasks WHERE id = \(id)", GridTask.init(row:))
    }

    public func tasks(within path: String, states: Set<TaskState>, limit: Int) async throws -> [GridTask] {
        guard !states.isEmpty else { return [] }
        return try await db.query(
            """
            SELECT doc FROM grid_tasks WHERE grid_path >= \(path) AND grid_path < \(path + "~") AND state IN (\(list: states.map(\.rawValue)))
            ORDER BY state IN ('open', 'in-progress') DESC, due_at, id LIMIT \(limit)
            """, GridTask.init(row:))
    }

    public func tasks(within path: String, filter: TaskFilter, page: PageRequest) async throws -> ListPage<GridTask> {
        guard !filter.states.isEmpty else { return ListPage(items: [], total: 0, request: page) }
        var scope: SQL = "FROM grid_tasks WHERE grid_path >= \(path) AND grid_path < \(path + "~") AND state IN (\(list: filter.states.map(\.rawValue)))"
        if let kind = filter.kind { scope = "\(scope) AND kind = \(kind.rawValue)" }
        if let at = filter.overdueAt { scope = "\(scope) AND due_at < \(at.seconds)" }
        let where_ = scope
        return try await db.read { r in
            // Work still to do first, escalated first (an officer's attention), then the earliest due.
            let items = try await r.query(
                "SELECT doc \(where_) ORDER BY state IN ('open', 'in-progress') DESC, escalation DESC, due_at, id LIMIT \(page.limit) OFFSET \(page.offset)", GridTask.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(where_)"), request: page)
        }
    }

    public func taskCounts(within path: String, states: Set<TaskState>) async throws -> [TaskCount] {
        guard !states.isEmpty else { return [] }
        return try await db.query(
            """
            SELECT kind, state, count(*) FROM grid_tasks WHERE grid_path >= \(path) AND grid_path < \(path + "~") AND state IN (\(list: states.map(\.rawValue)))
            GROUP BY kind, state ORDER BY kind, state
            """
        ) { row in
            let kind = try row.value(at: 0, as: String.self), state = try row.value(at: 1, as: String.self)
            guard let k = TaskKind(rawValue: kind), let s = TaskState(rawValue: state) else {
                throw StoreError.unavailable("grid_tasks holds an unknown kind or state: \(kind) / \(state)")
            }
            return TaskCount(kind: k, state: s, count: try row.value(at: 2, as: Int.self))
        }
    }

    public func tasksDueForEscalation(at now: Date, every interval: TimeInterval, limit: Int) async throws -> [GridTask] {
        try await db.query(
            """
            SELECT doc FROM grid_tasks WHERE state IN ('open', 'in-progress') AND escalation < 3 AND due_at < \(now.seconds) - escalation * \(Int64(interval))
            ORDER BY due_at LIMIT \(limit)
            """, GridTask.init(row:))
    }

    public func updateTask(_ t: GridTask, from previous: GridTask, audit: AuditEvent) async throws -> Bool {
        let doc = try GridJSON.text(t)
        return try await db.write { tx in
            let changed = try await tx.execute(
                """
                UPDATE grid_tasks SET state = \(t.state.rawValue), due_at = \(t.dueAt.seconds), escalation = \(t.escalation), doc = \(doc)
                WHERE id = \(t.id) AND state = \(previous.state.rawValue) AND escalation = \(previous.escalation)
                """)
            guard changed == 1 else { return false }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func existingTaskKeys(_ keys: [String]) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let chunks = keys.chunks(of: 500)
        return try await db.read { r in
            var found = Set<String>()
            for chunk in chunks {
                let known = try await r.query("SELECT fact_key FROM grid_tasks WHERE fact_key IN (\(list: chunk))") { try $0.value(at: 0, as: String.self) }
                found.formUnion(known)
            }
            return found
        }
    }

    public func insertVisit(_ v: HouseholdVisit, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(v)
        try await db.write { tx in
            try await tx.execute(
                "INSERT INTO household_visits (id, household, grid_path, at, doc) VALUES (\(v.id), \(v.household), \(v.gridPath), \(v.at.seconds), \(doc))")
            try await self.insertCheckIns(v.checkIns, in: tx)
            try await self.append(audit, in: tx)
        }
    }

    public func visits(within path: String, from: Date, to: Date) async throws -> [HouseholdVisit] {
        try await db.query(
            """
            SELECT doc FROM household_visits WHERE grid_path >= \(path) AND grid_path < \(path + "~") AND at >= \(from.seconds) AND at < \(to.seconds)
            ORDER BY at
            """, HouseholdVisit.init(row:))
    }

    public func buildingCoverage(compound: String, from: Date, to: Date) async throws -> [BuildingCoverage] {
        try await db.read { r in
            let households = try await r.query(
                """
                SELECT building, count(DISTINCT household_id) FROM residents WHERE compound_id = \(compound) AND household_id IS NOT NULL
                GROUP BY building
                """
            ) { (try $0.value(at: 0, as: String?.self), try $0.value(at: 1, as: Int.self)) }
            let visited = try await r.query(
                """
                SELECT r.building, count(DISTINCT v.household) FROM household_visits v JOIN residents r ON r.household_id = v.household
                WHERE r.compound_id = \(compound) AND v.at >= \(from.seconds) AND v.at < \(to.seconds) GROUP BY r.building
                """
            ) { (try $0.value(at: 0, as: String?.self), try $0.value(at: 1, as: Int.self)) }
            let seen = Dictionary(visited.map { ($0.0 ?? "", $0.1) }, uniquingKeysWith: +)
            // Numbered buildings in their natural order (2 before 10); no building last.
            return households.map { BuildingCoverage(building: $0.0, households: $0.1, visited: seen[$0.0 ?? ""] ?? 0) }.sorted { a, b in
                switch (a.building, b.building) {
                case (nil, _): false
                case (_, nil): true
                case (let x?, let y?): x.compare(y, options: .numeric) == .orderedAscending
                }
            }
        }
    }

    public func saveFollowUp(_ f: FollowUp, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(f)
        try await db.write { tx in
            // A correction the same day replaces the entry and the check-in the first one made.
            // PostgreSQL locks the entry against a concurrent correction; SQLite has one writer and no FOR UPDATE.
            let forUpdate = tx.dialect == .postgres ? " FOR UPDATE" : ""
            let earlier = try await tx.first(
                "SELECT doc FROM follow_ups WHERE person = \(f.person) AND day = \(f.day.description)\(raw: forUpdate)", FollowUp.init(row:))
            if let earlier {
                let by = "follow-up:" + earlier.id
                try await tx.execute("DELETE FROM check_ins WHERE person = \(f.person) AND by = \(by)")
            }
            try await tx.execute(
                """
                INSERT INTO follow_ups (person, day, doc) VALUES (\(f.person), \(f.day.description), \(doc))
                ON CONFLICT (person, day) DO UPDATE SET doc = excluded.doc
                """)
            if let c = f.checkIn { try await self.insertCheckIns([c], in: tx) }
            try await self.append(audit, in: tx)
        }
    }

    public func followUps(person: String) async throws -> [FollowUp] {
        try await db.query("SELECT doc FROM follow_ups WHERE person = \(person) ORDER BY day", FollowUp.init(row:))
    }

    public func followUps(people: [String], since: CalendarDate) async throws -> [FollowUp] {
        guard !people.isEmpty else { return [] }
        // Chunks of ascending ids, so their results joined stay ordered by person, then day.
        let chunks = Set(people).sorted().chunks(of: 500)
        return try await db.read { r in
            var found: [FollowUp] = []
            for chunk in chunks {
                found += try await r.query(
                    "SELECT doc FROM follow_ups WHERE day >= \(since.description) AND person IN (\(list: chunk)) ORDER BY person, day", FollowUp.init(row:))
            }
            return found
        }
    }

    public func quarantined(within area: AreaPath, since: Date, page: PageRequest) async throws -> ListPage<QuarantinedResident> {
        // Driven by the residents of the area (its path index), each person's status by key: an
        // area's list costs what the area holds, not what the city holds.
        let scope: SQL = """
            FROM residents r JOIN statuses s ON s.person = r.id
            WHERE r.area_path >= \(area.lowerBound) AND r.area_path < \(area.upperBound) AND s.colour = 'red'
            AND EXISTS (SELECT 1 FROM exposures e WHERE e.person = r.id AND e.last_exposure >= \(since.seconds))
            """
        return try await db.read { r in
            let items = try await r.query("SELECT r.*, s.body \(scope) ORDER BY r.area_path, r.id LIMIT \(page.limit) OFFSET \(page.offset)") { row in
                QuarantinedResident(resident: try SealedResident(row: row), status: try HealthStatus(row: row))
            }
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func households(compound: String) async throws -> [(household: String, gridID: String?, gridPath: String)] {
        try await db.query(
            """
            SELECT household_id, MIN(area_id) AS area_id, MIN(area_path) AS area_path FROM residents
            WHERE compound_id = \(compound) AND household_id IS NOT NULL GROUP BY household_id ORDER BY household_id
            """
        ) {
            (household: try $0.value("household_id", as: String.self), gridID: try $0.value("area_id", as: String?.self),
             gridPath: try $0.value("area_path", as: String.self))
        }
    }

    public func saveShift(_ s: DutyShift, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(s)
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO duty_shifts (id, place, starts_at, ends_at, doc) VALUES (\(s.id), \(s.place), \(s.startsAt.seconds), \(s.endsAt.seconds), \(doc))
                ON CONFLICT (id) DO UPDATE SET place = excluded.place, starts_at = excluded.starts_at, ends_at = excluded.ends_at, doc = excluded.doc
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func shift(id: String) async throws -> DutyShift? {
        try await db.first("SELECT doc FROM duty_shifts WHERE id = \(id)", DutyShift.init(row:))
    }

    public func shifts(places: [String], from: Date, to: Date) async throws -> [DutyShift] {
        // 500 places a query (bind limits); merged in the order one query would give.
        var shifts: [DutyShift] = []
        for chunk in places.chunks(of: 500) {
            shifts += try await db.query(
                "SELECT doc FROM duty_shifts WHERE place IN (\(list: chunk)) AND starts_at < \(to.seconds) AND ends_at > \(from.seconds)",
                DutyShift.init(row:))
        }
        return shifts.sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
    }

    /// The check-ins a visit or a follow-up makes, inside its transaction.
    func insertCheckIns(_ checkIns: [CheckIn], in tx: any SQLExecutor) async throws {
        guard !checkIns.isEmpty else { return }
        try await tx.insert(
            RowInsert(
                into: "check_ins", columns: ["person", "at", "temperature", "symptoms", "by"],
                rows: checkIns.map {
                    [.text($0.person), .integer($0.at.seconds), $0.temperature.sqlValue, .text($0.symptoms.joined(separator: ",")), .text($0.by)]
                }))
    }
}

/// Grid records are kept whole as JSON (`doc`); the columns beside it are the ones looked up or
/// filtered on, so the completeness of 85,000 grids never decodes a document.
protocol GridDocument: Decodable {}

extension GridDocument {
    init(row: any SQLRow) throws { self = try GridJSON.decode(Self.self, try row.value("doc")) }
}

extension GridTask: GridDocument {}
extension HouseholdVisit: GridDocument {}
extension FollowUp: GridDocument {}
extension DailyReport: GridDocument {}
extension DutyShift: GridDocument {}

extension Assignment {
    init(row: any SQLRow) throws {
        self.init(
            accountID: try row.value("account_id"), areaID: try row.value("area_id"), from: Date(seconds: try row.value("from_at")),
            to: try row.value("to_at", as: Int64?.self).map(Date.init(seconds:)), by: try row.value("by"))
    }
}

extension Array {
    /// Consecutive runs of at most `size` elements: each statement binds a few hundred values, well
    /// under either database's limit on placeholders.
    func chunks(of size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min(count, $0 + size)]) }
    }
}
