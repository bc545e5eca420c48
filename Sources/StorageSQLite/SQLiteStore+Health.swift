import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func insertCheckIn(_ c: CheckIn, audit: AuditEvent?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO check_ins (person, at, temperature, symptoms, by) VALUES (?, ?, ?, ?, ?)",
                arguments: [c.person, c.at.seconds, c.temperature, c.symptoms.joined(separator: ","), c.by])
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func insertCheckIns(_ checkIns: [CheckIn], audit: AuditEvent?) async throws {
        try await pool.write { db in
            try self.insertCheckIns(checkIns, in: db)
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func checkIns(person: String, since: Date) async throws -> [CheckIn] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM check_ins WHERE person = ? AND at >= ? ORDER BY at, seq", arguments: [person, since.seconds]).map { row in
                let symptoms: String = row["symptoms"]
                return CheckIn(
                    person: row["person"], at: Date(seconds: row["at"]), temperature: row["temperature"],
                    symptoms: symptoms.split(separator: ",").map(String.init), by: row["by"])
            }
        }
    }

    public func caseRecord(person: String) async throws -> CaseRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM case_records WHERE person = ?", arguments: [person]).map(Self.caseRecord)
        }
    }

    public func saveCaseRecord(_ r: CaseRecord, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO case_records (person, status, onset, isolated_at, outcome, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(person) DO UPDATE SET status = excluded.status, onset = excluded.onset, isolated_at = excluded.isolated_at,
                        outcome = excluded.outcome, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                    """,
                arguments: [r.person, r.status.rawValue, r.onset?.seconds, r.isolatedAt?.seconds, r.outcome, r.updatedBy, r.updatedAt.seconds])
            try self.append(audit, in: db)
        }
    }

    public func recordTraceFailure(caseID: String, at: Date, reason: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO trace_failures (case_id, first_failed_at, last_failed_at, reason, attempts) VALUES (?, ?, ?, ?, 1)
                    ON CONFLICT (case_id) DO UPDATE SET last_failed_at = excluded.last_failed_at, reason = excluded.reason, attempts = trace_failures.attempts + 1
                    """,
                arguments: [caseID, at.milliseconds, at.milliseconds, reason])
        }
    }

    public func traceFailures(limit: Int) async throws -> [TraceFailure] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM trace_failures ORDER BY first_failed_at, case_id LIMIT ?", arguments: [limit]).map(Self.traceFailure)
        }
    }

    public func traceFailures(caseIDs: [String]) async throws -> [TraceFailure] {
        guard !caseIDs.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM trace_failures WHERE case_id IN (\(databaseQuestionMarks(count: caseIDs.count))) ORDER BY case_id",
                arguments: StatementArguments(caseIDs)
            ).map(Self.traceFailure)
        }
    }

    public func traceFailure(caseID: String) async throws -> TraceFailure? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM trace_failures WHERE case_id = ?", arguments: [caseID]).map(Self.traceFailure)
        }
    }

    static func traceFailure(_ row: Row) -> TraceFailure {
        TraceFailure(
            caseID: row["case_id"], firstFailedAt: Date(milliseconds: row["first_failed_at"]), lastFailedAt: Date(milliseconds: row["last_failed_at"]),
            reason: row["reason"], attempts: row["attempts"])
    }

    public func replaceExposures(caseID: String, with exposures: [ContactExposure], audit: AuditEvent?) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM exposures WHERE case_id = ?", arguments: [caseID])
            try db.execute(sql: "DELETE FROM trace_failures WHERE case_id = ?", arguments: [caseID])
            let insert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO exposures (person, case_id, category, last_exposure, place) VALUES (?, ?, ?, ?, ?)")
            for e in exposures {
                try insert.execute(arguments: [e.person, caseID, e.category.rawValue, e.lastExposure.seconds, e.place])
            }
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func exposures(caseID: String) async throws -> [ContactExposure] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM exposures WHERE case_id = ? ORDER BY person", arguments: [caseID]).map(Self.exposure)
        }
    }

    public func exposures(person: String) async throws -> [ContactExposure] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM exposures WHERE person = ? ORDER BY last_exposure, case_id", arguments: [person]).map(Self.exposure)
        }
    }

    static func exposure(_ row: Row) throws -> ContactExposure {
        ContactExposure(
            person: row["person"], caseID: row["case_id"], category: try ExposureCategory.stored(row["category"]), lastExposure: Date(seconds: row["last_exposure"]),
            place: row["place"])
    }

    public func exposedPeople(caseID: String) async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT person FROM exposures WHERE case_id = ? ORDER BY person", arguments: [caseID]) }
    }

    public func insertOverrideRequest(_ r: OverrideRequest, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO override_requests (id, person, colour, legal_basis, until, proposer, proposed_at, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [r.id, r.person, r.colour.rawValue, r.legalBasis, r.until.seconds, r.proposer, r.proposedAt.seconds, r.state.rawValue])
            try self.append(audit, in: db)
        }
    }

    public func overrideRequest(id: String) async throws -> OverrideRequest? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM override_requests WHERE id = ?", arguments: [id]).map(Self.overrideRequest) }
    }

    public func decideOverride(_ r: OverrideRequest, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE override_requests SET state = ?, approver = ?, decided_at = ?, decision_note = ?
                    WHERE id = ? AND state = 'proposed'
                    """,
                arguments: [r.state.rawValue, r.approver, r.decidedAt?.seconds, r.decisionNote, r.id])
            guard db.changesCount == 1 else { return false }
            if let notify { try self.enqueue(notify, in: db) }
            try self.append(audit, in: db)
            return true
        }
    }

    public func overrideRequests(person: String) async throws -> [OverrideRequest] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM override_requests WHERE person = ? ORDER BY proposed_at, id", arguments: [person]).map(Self.overrideRequest)
        }
    }

    public func pendingOverrideRequests(within area: AreaPath, limit: Int) async throws -> [OverrideRequest] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.* FROM override_requests o JOIN residents r ON r.id = o.person
                WHERE o.state = 'proposed' AND r.area_path >= ? AND r.area_path < ? ORDER BY o.proposed_at, o.id LIMIT ?
                """, arguments: [area.lowerBound, area.upperBound, limit]).map(Self.overrideRequest)
        }
    }

    public func saveStatus(_ status: HealthStatus) async throws -> HealthColour? {
        try await saveStatuses([status])[status.person]
    }

    public func saveStatuses(_ statuses: [HealthStatus]) async throws -> [String: HealthColour] {
        let bodies = try statuses.map(StatusCoding.encode)
        return try await pool.write { db in
            var changed: [String: HealthColour] = [:]
            for (status, body) in zip(statuses, bodies) {
                let row = try Row.fetchOne(db, sql: "SELECT colour, body FROM statuses WHERE person = ?", arguments: [status.person])
                let previous: String? = row?["body"]
                if let old = (row?["colour"] as String?).flatMap(HealthColour.init(rawValue:)), old != status.colour { changed[status.person] = old }
                try db.execute(
                    sql: """
                        INSERT INTO statuses (person, colour, computed_at, body) VALUES (?, ?, ?, ?)
                        ON CONFLICT(person) DO UPDATE SET colour = excluded.colour, computed_at = excluded.computed_at, body = excluded.body
                        """,
                    arguments: [status.person, status.colour.rawValue, status.computedAt.seconds, body])
                if StatusCoding.changed(previous, status) {
                    try db.execute(
                        sql: "INSERT INTO status_history (person, computed_at, colour, body) VALUES (?, ?, ?, ?)",
                        arguments: [status.person, status.computedAt.seconds, status.colour.rawValue, body])
                }
            }
            return changed
        }
    }

    public func status(person: String) async throws -> HealthStatus? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM statuses WHERE person = ?", arguments: [person]).map(StatusCoding.decode)
        }
    }

    public func statusHistory(person: String) async throws -> [HealthStatus] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM status_history WHERE person = ? ORDER BY seq", arguments: [person]).map(StatusCoding.decode)
        }
    }

    static func caseRecord(_ row: Row) -> CaseRecord {
        CaseRecord(
            person: row["person"], status: CaseRecordStatus(rawValue: row["status"]) ?? .suspected,
            onset: (row["onset"] as Int64?).map(Date.init(seconds:)), isolatedAt: (row["isolated_at"] as Int64?).map(Date.init(seconds:)),
            outcome: row["outcome"], updatedBy: row["updated_by"], updatedAt: Date(seconds: row["updated_at"]))
    }

    static func overrideRequest(_ row: Row) -> OverrideRequest {
        OverrideRequest(
            id: row["id"], person: row["person"], colour: HealthColour(rawValue: row["colour"]) ?? .red, legalBasis: row["legal_basis"],
            until: Date(seconds: row["until"]), proposer: row["proposer"], proposedAt: Date(seconds: row["proposed_at"]),
            state: OverrideState(rawValue: row["state"]) ?? .proposed, approver: row["approver"],
            decidedAt: (row["decided_at"] as Int64?).map(Date.init(seconds:)), decisionNote: row["decision_note"])
    }
}
