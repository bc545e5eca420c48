import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertCheckIn(_ c: CheckIn, audit: AuditEvent?) async throws {
        try await transaction { connection in
            let symptoms = c.symptoms.joined(separator: ",")
            try await connection.query(
                "INSERT INTO check_ins (person, at, temperature, symptoms, by) VALUES (\(c.person), \(c.at.seconds), \(c.temperature), \(symptoms), \(c.by))",
                logger: self.logger)
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    public func insertCheckIns(_ checkIns: [CheckIn], audit: AuditEvent?) async throws {
        try await transaction { connection in
            try await self.insertCheckIns(checkIns, on: connection)
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    public func checkIns(person: String, since: Date) async throws -> [CheckIn] {
        try await rows("SELECT * FROM check_ins WHERE person = \(person) AND at >= \(since.seconds) ORDER BY at, seq").map { row in
            let symptoms: String = try row.value("symptoms")
            return CheckIn(
                person: try row.value("person"), at: Date(seconds: try row.value("at")), temperature: try row.value("temperature"),
                symptoms: symptoms.split(separator: ",").map(String.init), by: try row.value("by"))
        }
    }

    public func caseRecord(person: String) async throws -> CaseRecord? {
        try await rows("SELECT * FROM case_records WHERE person = \(person)").first.map(Self.caseRecord)
    }

    public func saveCaseRecord(_ r: CaseRecord, audit: AuditEvent) async throws {
        try await transaction { connection in
            let status = r.status.rawValue
            try await connection.query(
                """
                INSERT INTO case_records (person, status, onset, isolated_at, outcome, updated_by, updated_at)
                VALUES (\(r.person), \(status), \(r.onset?.seconds), \(r.isolatedAt?.seconds), \(r.outcome), \(r.updatedBy), \(r.updatedAt.seconds))
                ON CONFLICT (person) DO UPDATE SET status = excluded.status, onset = excluded.onset, isolated_at = excluded.isolated_at,
                    outcome = excluded.outcome, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """, logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func recordTraceFailure(caseID: String, at: Date, reason: String) async throws {
        let ms = at.milliseconds
        _ = try await rows(
            """
            INSERT INTO trace_failures (case_id, first_failed_at, last_failed_at, reason, attempts) VALUES (\(caseID), \(ms), \(ms), \(reason), 1)
            ON CONFLICT (case_id) DO UPDATE SET last_failed_at = excluded.last_failed_at, reason = excluded.reason, attempts = trace_failures.attempts + 1
            """)
    }

    public func traceFailures(limit: Int) async throws -> [TraceFailure] {
        try await rows("SELECT * FROM trace_failures ORDER BY first_failed_at, case_id LIMIT \(limit)").map(Self.traceFailure)
    }

    public func traceFailures(caseIDs: [String]) async throws -> [TraceFailure] {
        guard !caseIDs.isEmpty else { return [] }
        return try await rows("SELECT * FROM trace_failures WHERE case_id = ANY(\(caseIDs)) ORDER BY case_id").map(Self.traceFailure)
    }

    public func traceFailure(caseID: String) async throws -> TraceFailure? {
        try await rows("SELECT * FROM trace_failures WHERE case_id = \(caseID)").first.map(Self.traceFailure)
    }

    static func traceFailure(_ row: PostgresRandomAccessRow) throws -> TraceFailure {
        TraceFailure(
            caseID: try row.value("case_id"), firstFailedAt: Date(milliseconds: try row.value("first_failed_at")),
            lastFailedAt: Date(milliseconds: try row.value("last_failed_at")), reason: try row.value("reason"), attempts: Int(try row.value("attempts", as: Int32.self)))
    }

    public func replaceExposures(caseID: String, with exposures: [ContactExposure], audit: AuditEvent?) async throws {
        try await transaction { connection in
            try await connection.query("DELETE FROM exposures WHERE case_id = \(caseID)", logger: self.logger)
            try await connection.query("DELETE FROM trace_failures WHERE case_id = \(caseID)", logger: self.logger)
            if !exposures.isEmpty {
                _ = try await self.insertMany(
                    into: "exposures", columns: ["person", "case_id", "category", "last_exposure", "place"],
                    rows: exposures.map { [.text($0.person), .text(caseID), .text($0.category.rawValue), .int($0.lastExposure.seconds), .text($0.place)] },
                    onConflict: "ON CONFLICT (person, case_id) DO UPDATE SET category = excluded.category, last_exposure = excluded.last_exposure, place = excluded.place",
                    returning: "person", on: connection)
            }
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    public func exposures(caseID: String) async throws -> [ContactExposure] {
        try await rows("SELECT * FROM exposures WHERE case_id = \(caseID) ORDER BY person").map(Self.exposure)
    }

    public func exposures(person: String) async throws -> [ContactExposure] {
        try await rows("SELECT * FROM exposures WHERE person = \(person) ORDER BY last_exposure, case_id").map(Self.exposure)
    }

    static func exposure(_ row: PostgresRandomAccessRow) throws -> ContactExposure {
        ContactExposure(
            person: try row.value("person"), caseID: try row.value("case_id"), category: try ExposureCategory.stored(try row.value("category")),
            lastExposure: Date(seconds: try row.value("last_exposure")), place: try row.value("place"))
    }

    public func exposedPeople(caseID: String) async throws -> [String] {
        try await rows("SELECT person FROM exposures WHERE case_id = \(caseID) ORDER BY person").map { try $0.value("person", as: String.self) }
    }

    public func insertOverrideRequest(_ r: OverrideRequest, audit: AuditEvent) async throws {
        try await transaction { connection in
            let colour = r.colour.rawValue
            let state = r.state.rawValue
            try await connection.query(
                """
                INSERT INTO override_requests (id, person, colour, legal_basis, until, proposer, proposed_at, state)
                VALUES (\(r.id), \(r.person), \(colour), \(r.legalBasis), \(r.until.seconds), \(r.proposer), \(r.proposedAt.seconds), \(state))
                """, logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func overrideRequest(id: String) async throws -> OverrideRequest? {
        try await rows("SELECT * FROM override_requests WHERE id = \(id)").first.map(Self.overrideRequest)
    }

    public func decideOverride(_ r: OverrideRequest, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool {
        try await transaction { connection in
            let state = r.state.rawValue
            let changed = try await self.rows(
                """
                UPDATE override_requests SET state = \(state), approver = \(r.approver), decided_at = \(r.decidedAt?.seconds), decision_note = \(r.decisionNote)
                WHERE id = \(r.id) AND state = 'proposed' RETURNING id
                """, on: connection)
            guard changed.count == 1 else { return false }
            if let notify { try await self.enqueue(notify, on: connection) }
            try await self.append(audit, on: connection)
            return true
        }
    }

    public func overrideRequests(person: String) async throws -> [OverrideRequest] {
        try await rows("SELECT * FROM override_requests WHERE person = \(person) ORDER BY proposed_at, id").map(Self.overrideRequest)
    }

    public func pendingOverrideRequests(within area: AreaPath, limit: Int) async throws -> [OverrideRequest] {
        let (lower, upper) = (area.lowerBound, area.upperBound)
        return try await rows(
            """
            SELECT o.* FROM override_requests o JOIN residents r ON r.id = o.person
            WHERE o.state = 'proposed' AND r.area_path >= \(lower) AND r.area_path < \(upper) ORDER BY o.proposed_at, o.id LIMIT \(limit)
            """).map(Self.overrideRequest)
    }

    public func saveStatus(_ status: HealthStatus) async throws -> HealthColour? {
        try await saveStatuses([status])[status.person]
    }

    public func saveStatuses(_ statuses: [HealthStatus]) async throws -> [String: HealthColour] {
        let bodies = try statuses.map(StatusCoding.encode)
        return try await transaction { connection in
            var changed: [String: HealthColour] = [:]
            for (status, body) in zip(statuses, bodies) {
                let colour = status.colour.rawValue
                let row = try await self.rows("SELECT colour, body FROM statuses WHERE person = \(status.person) FOR UPDATE", on: connection).first
                let previous = try row.map { try $0.value("body", as: String.self) }
                if let old = try row.flatMap({ HealthColour(rawValue: try $0.value("colour", as: String.self)) }), old != status.colour {
                    changed[status.person] = old
                }
                try await connection.query(
                    """
                    INSERT INTO statuses (person, colour, computed_at, body) VALUES (\(status.person), \(colour), \(status.computedAt.seconds), \(body))
                    ON CONFLICT (person) DO UPDATE SET colour = excluded.colour, computed_at = excluded.computed_at, body = excluded.body
                    """, logger: self.logger)
                if StatusCoding.changed(previous, status) {
                    try await connection.query(
                        "INSERT INTO status_history (person, computed_at, colour, body) VALUES (\(status.person), \(status.computedAt.seconds), \(colour), \(body))",
                        logger: self.logger)
                }
            }
            return changed
        }
    }

    public func status(person: String) async throws -> HealthStatus? {
        try await rows("SELECT body FROM statuses WHERE person = \(person)").first.map { try StatusCoding.decode(try $0.value("body")) }
    }

    public func statusHistory(person: String) async throws -> [HealthStatus] {
        try await rows("SELECT body FROM status_history WHERE person = \(person) ORDER BY seq").map { try StatusCoding.decode(try $0.value("body")) }
    }

    static func caseRecord(_ row: PostgresRandomAccessRow) throws -> CaseRecord {
        CaseRecord(
            person: try row.value("person"), status: CaseRecordStatus(rawValue: try row.value("status")) ?? .suspected,
            onset: (try row.value("onset", as: Int64?.self)).map(Date.init(seconds:)),
            isolatedAt: (try row.value("isolated_at", as: Int64?.self)).map(Date.init(seconds:)), outcome: try row.value("outcome"),
            updatedBy: try row.value("updated_by"), updatedAt: Date(seconds: try row.value("updated_at")))
    }

    static func overrideRequest(_ row: PostgresRandomAccessRow) throws -> OverrideRequest {
        OverrideRequest(
            id: try row.value("id"), person: try row.value("person"), colour: HealthColour(rawValue: try row.value("colour")) ?? .red,
            legalBasis: try row.value("legal_basis"), until: Date(seconds: try row.value("until")), proposer: try row.value("proposer"),
            proposedAt: Date(seconds: try row.value("proposed_at")), state: OverrideState(rawValue: try row.value("state")) ?? .proposed,
            approver: try row.value("approver"), decidedAt: (try row.value("decided_at", as: Int64?.self)).map(Date.init(seconds:)),
            decisionNote: try row.value("decision_note"))
    }
}
