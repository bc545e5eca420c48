import Domain
import Foundation

extension SQLStore {
    public func insertCheckIn(_ c: CheckIn, audit: AuditEvent?) async throws {
        let symptoms = c.symptoms.joined(separator: ",")
        try await db.write { tx in
            try await tx.execute(
                "INSERT INTO check_ins (person, at, temperature, symptoms, by) VALUES (\(c.person), \(c.at.seconds), \(c.temperature), \(symptoms), \(c.by))")
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func insertCheckIns(_ checkIns: [CheckIn], audit: AuditEvent?) async throws {
        try await db.write { tx in
            try await self.insertCheckIns(checkIns, in: tx)
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func checkIns(person: String, since: Date) async throws -> [CheckIn] {
        try await db.query("SELECT * FROM check_ins WHERE person = \(person) AND at >= \(since.seconds) ORDER BY at, seq", CheckIn.init(row:))
    }

    public func checkIns(people: [String], since: Date) async throws -> [CheckIn] {
        guard !people.isEmpty else { return [] }
        // Chunks of ascending ids, so their results joined stay ordered by person, then time.
        let chunks = Set(people).sorted().chunks(of: 500)
        return try await db.read { r in
            var found: [CheckIn] = []
            for chunk in chunks {
                found += try await r.query(
                    "SELECT * FROM check_ins WHERE person IN (\(list: chunk)) AND at >= \(since.seconds) ORDER BY person, at, seq", CheckIn.init(row:))
            }
            return found
        }
    }

    public func caseRecord(person: String) async throws -> CaseRecord? {
        try await db.first("SELECT * FROM case_records WHERE person = \(person)", CaseRecord.init(row:))
    }

    public func saveCaseRecord(_ r: CaseRecord, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO case_records (person, status, onset, isolated_at, outcome, updated_by, updated_at)
                VALUES (\(r.person), \(r.status.rawValue), \(r.onset?.seconds), \(r.isolatedAt?.seconds), \(r.outcome), \(r.updatedBy), \(r.updatedAt.seconds))
                ON CONFLICT (person) DO UPDATE SET status = excluded.status, onset = excluded.onset, isolated_at = excluded.isolated_at,
                    outcome = excluded.outcome, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func recordTraceFailure(caseID: String, at: Date, reason: String) async throws {
        try await db.execute(
            """
            INSERT INTO trace_failures (case_id, first_failed_at, last_failed_at, reason, attempts) VALUES (\(caseID), \(at.milliseconds), \(at.milliseconds), \(reason), 1)
            ON CONFLICT (case_id) DO UPDATE SET last_failed_at = excluded.last_failed_at, reason = excluded.reason, attempts = trace_failures.attempts + 1
            """)
    }

    public func traceFailures(limit: Int) async throws -> [TraceFailure] {
        try await db.query("SELECT * FROM trace_failures ORDER BY first_failed_at, case_id LIMIT \(limit)", TraceFailure.init(row:))
    }

    public func traceFailures(caseIDs: [String]) async throws -> [TraceFailure] {
        guard !caseIDs.isEmpty else { return [] }
        return try await db.query("SELECT * FROM trace_failures WHERE case_id IN (\(list: caseIDs)) ORDER BY case_id", TraceFailure.init(row:))
    }

    public func traceFailure(caseID: String) async throws -> TraceFailure? {
        try await db.first("SELECT * FROM trace_failures WHERE case_id = \(caseID)", TraceFailure.init(row:))
    }

    public func replaceExposures(caseID: String, with exposures: [ContactExposure], audit: AuditEvent?) async throws {
        // One row per person, the last one listed wins: a multi-row INSERT on PostgreSQL cannot
        // update the same row twice, so duplicates are dropped here rather than left to ON CONFLICT.
        let last = Dictionary(exposures.indices.map { (exposures[$0].person, $0) }, uniquingKeysWith: { _, later in later })
        let rows: [[SQLValue]] = exposures.indices.filter { last[exposures[$0].person] == $0 }.map { i -> [SQLValue] in
            let e = exposures[i]
            return [.text(e.person), .text(caseID), .text(e.category.rawValue), .integer(e.lastExposure.seconds), e.place.sqlValue]
        }
        try await db.write { tx in
            try await tx.execute("DELETE FROM exposures WHERE case_id = \(caseID)")
            try await tx.execute("DELETE FROM trace_failures WHERE case_id = \(caseID)")
            if !rows.isEmpty {
                try await tx.insert(
                    RowInsert(
                        into: "exposures", columns: ["person", "case_id", "category", "last_exposure", "place"], rows: rows,
                        conflict: "ON CONFLICT (person, case_id) DO UPDATE SET category = excluded.category, last_exposure = excluded.last_exposure, place = excluded.place"))
            }
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func exposures(caseID: String) async throws -> [ContactExposure] {
        try await db.query("SELECT * FROM exposures WHERE case_id = \(caseID) ORDER BY person", ContactExposure.init(row:))
    }

    public func exposures(person: String) async throws -> [ContactExposure] {
        try await db.query("SELECT * FROM exposures WHERE person = \(person) ORDER BY last_exposure, case_id", ContactExposure.init(row:))
    }

    public func exposedPeople(caseID: String) async throws -> [String] {
        try await db.query("SELECT person FROM exposures WHERE case_id = \(caseID) ORDER BY person") { try $0.value(at: 0, as: String.self) }
    }

    public func exposureCounts(caseIDs: [String]) async throws -> [ExposureCount] {
        guard !caseIDs.isEmpty else { return [] }
        return try await db.read { r in
            var out: [ExposureCount] = []
            for chunk in Set(caseIDs).sorted().chunks(of: 500) {
                out += try await r.query(
                    "SELECT case_id, category, count(*) FROM exposures WHERE case_id IN (\(list: chunk)) GROUP BY case_id, category ORDER BY case_id, category"
                ) { row in
                    ExposureCount(
                        caseID: try row.value(at: 0, as: String.self), category: try ExposureCategory.stored(try row.value(at: 1, as: String.self)),
                        count: try row.value(at: 2, as: Int.self))
                }
            }
            return out
        }
    }

    public func exposureLinks(among people: [String]) async throws -> [(caseID: String, person: String)] {
        guard !people.isEmpty else { return [] }
        // A page of cases at a time: the list is short, one statement does.
        let list = Array(Set(people)).sorted()
        return try await db.query("SELECT case_id, person FROM exposures WHERE case_id IN (\(list: list)) AND person IN (\(list: list)) ORDER BY case_id, person") {
            (caseID: try $0.value(at: 0, as: String.self), person: try $0.value(at: 1, as: String.self))
        }
    }

    public func positivePeople(within area: AreaPath, page: PageRequest) async throws -> ListPage<String> {
        let scope: SQL =
            area == .everywhere
            ? "FROM lab_results l WHERE l.result = 'positive'"
            // Driven by the positives (their partial index), each one's residence found by key: `|| ''`
            // keeps the planner off the residents' area index (a district is hundreds of thousands).
            : """
            FROM lab_results l JOIN residents r ON r.id = l.person
            WHERE l.result = 'positive' AND (r.area_path || '') >= \(area.lowerBound) AND (r.area_path || '') < \(area.upperBound)
            """
        return try await db.read { r in
            let people = try await r.query(
                "SELECT l.person, MIN(l.sampled_at) AS first \(scope) GROUP BY l.person ORDER BY first, l.person LIMIT \(page.limit) OFFSET \(page.offset)"
            ) { try $0.value(at: 0, as: String.self) }
            return ListPage(items: people, total: try await r.count("SELECT count(DISTINCT l.person) \(scope)"), request: page)
        }
    }
}

extension CheckIn {
    init(row: any SQLRow) throws {
        let symptoms: String = try row.value("symptoms")
        self.init(
            person: try row.value("person"), at: Date(seconds: try row.value("at")), temperature: try row.value("temperature"),
            symptoms: symptoms.split(separator: ",").map(String.init), by: try row.value("by", as: String.self))
    }
}

extension CaseRecord {
    init(row: any SQLRow) throws {
        self.init(
            person: try row.value("person"), status: CaseRecordStatus(rawValue: try row.value("status")) ?? .suspected,
            onset: try row.value("onset", as: Int64?.self).map(Date.init(seconds:)),
            isolatedAt: try row.value("isolated_at", as: Int64?.self).map(Date.init(seconds:)), outcome: try row.value("outcome"),
            updatedBy: try row.value("updated_by"), updatedAt: Date(seconds: try row.value("updated_at")))
    }
}

extension TraceFailure {
    init(row: any SQLRow) throws {
        self.init(
            caseID: try row.value("case_id"), firstFailedAt: Date(milliseconds: try row.value("first_failed_at")),
            lastFailedAt: Date(milliseconds: try row.value("last_failed_at")), reason: try row.value("reason"), attempts: try row.value("attempts"))
    }
}

extension ContactExposure {
    init(row: any SQLRow) throws {
        self.init(
            person: try row.value("person"), caseID: try row.value("case_id"), category: try ExposureCategory.stored(try row.value("category")),
            lastExposure: Date(seconds: try row.value("last_exposure")), place: try row.value("place"))
    }
}
