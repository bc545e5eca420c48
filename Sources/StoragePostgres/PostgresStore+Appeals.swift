import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertAppeal(_ a: Appeal, audit: AuditEvent) async throws {
        try await transaction { connection in
            let state = a.state.rawValue
            try await connection.query(
                """
                INSERT INTO appeals (id, person, fact_kind, fact_id, reason, submitted_by, submitted_at, deadline, state)
                VALUES (\(a.id), \(a.person), \(a.factKind), \(a.factID), \(a.reason), \(a.submittedBy), \(a.submittedAt.seconds), \(a.deadline.seconds), \(state))
                """, logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func appeal(id: String) async throws -> Appeal? {
        try await rows("SELECT * FROM appeals WHERE id = \(id)").first.map(Self.appeal)
    }

    public func appeals(person: String) async throws -> [Appeal] {
        try await rows("SELECT * FROM appeals WHERE person = \(person) ORDER BY submitted_at DESC, id").map(Self.appeal)
    }

    public func openAppeals(within area: AreaPath, limit: Int) async throws -> [Appeal] {
        let (lower, upper) = (area.lowerBound, area.upperBound)
        return try await rows(
            """
            SELECT a.* FROM appeals a JOIN residents r ON r.id = a.person
            WHERE a.state = 'open' AND r.area_path >= \(lower) AND r.area_path < \(upper) ORDER BY a.deadline, a.id LIMIT \(limit)
            """).map(Self.appeal)
    }

    public func decideAppeal(_ a: Appeal, correction: FactCorrection?, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool {
        try await transaction { connection in
            let state = a.state.rawValue
            let changed = try await self.rows(
                """
                UPDATE appeals SET state = \(state), decided_by = \(a.decidedBy), decided_at = \(a.decidedAt?.seconds), decision = \(a.decision)
                WHERE id = \(a.id) AND state = 'open' RETURNING id
                """, on: connection)
            guard changed.count == 1 else { return false }
            if let c = correction {
                try await connection.query(
                    """
                    INSERT INTO fact_corrections (person, fact_kind, fact_id, appeal_id, at)
                    VALUES (\(c.person), \(c.factKind), \(c.factID), \(c.appealID), \(c.at.seconds)) ON CONFLICT DO NOTHING
                    """, logger: self.logger)
            }
            if let notify { try await self.enqueue(notify, on: connection) }
            try await self.append(audit, on: connection)
            return true
        }
    }

    public func corrections(person: String) async throws -> [FactCorrection] {
        try await rows("SELECT * FROM fact_corrections WHERE person = \(person) ORDER BY at").map(Self.correction)
    }

    static func correction(_ row: PostgresRandomAccessRow) throws -> FactCorrection {
        FactCorrection(
            person: try row.value("person"), factKind: try row.value("fact_kind"), factID: try row.value("fact_id"),
            appealID: try row.value("appeal_id"), at: Date(seconds: try row.value("at")))
    }

    static func appeal(_ row: PostgresRandomAccessRow) throws -> Appeal {
        Appeal(
            id: try row.value("id"), person: try row.value("person"), factKind: try row.value("fact_kind"), factID: try row.value("fact_id"),
            reason: try row.value("reason"), submittedBy: try row.value("submitted_by"), submittedAt: Date(seconds: try row.value("submitted_at")),
            deadline: Date(seconds: try row.value("deadline")), state: AppealState(rawValue: try row.value("state")) ?? .open,
            decidedBy: try row.value("decided_by"), decidedAt: (try row.value("decided_at", as: Int64?.self)).map(Date.init(seconds:)),
            decision: try row.value("decision"))
    }
}
