import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func insertAppeal(_ a: Appeal, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO appeals (id, person, fact_kind, fact_id, reason, submitted_by, submitted_at, deadline, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [a.id, a.person, a.factKind, a.factID, a.reason, a.submittedBy, a.submittedAt.seconds, a.deadline.seconds, a.state.rawValue])
            try self.append(audit, in: db)
        }
    }

    public func appeal(id: String) async throws -> Appeal? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM appeals WHERE id = ?", arguments: [id]).map(Self.appeal) }
    }

    public func appeals(person: String) async throws -> [Appeal] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM appeals WHERE person = ? ORDER BY submitted_at DESC, id", arguments: [person]).map(Self.appeal)
        }
    }

    public func openAppeals(within area: AreaPath, limit: Int) async throws -> [Appeal] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.* FROM appeals a JOIN residents r ON r.id = a.person
                WHERE a.state = 'open' AND r.area_path >= ? AND r.area_path < ? ORDER BY a.deadline, a.id LIMIT ?
                """, arguments: [area.lowerBound, area.upperBound, limit]).map(Self.appeal)
        }
    }

    public func decideAppeal(_ a: Appeal, correction: FactCorrection?, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE appeals SET state = ?, decided_by = ?, decided_at = ?, decision = ? WHERE id = ? AND state = 'open'",
                arguments: [a.state.rawValue, a.decidedBy, a.decidedAt?.seconds, a.decision, a.id])
            guard db.changesCount == 1 else { return false }
            if let c = correction {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO fact_corrections (person, fact_kind, fact_id, appeal_id, at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [c.person, c.factKind, c.factID, c.appealID, c.at.seconds])
            }
            if let notify { try self.enqueue(notify, in: db) }
            try self.append(audit, in: db)
            return true
        }
    }

    public func corrections(person: String) async throws -> [FactCorrection] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM fact_corrections WHERE person = ? ORDER BY at", arguments: [person]).map(Self.correction)
        }
    }

    static func correction(_ row: Row) -> FactCorrection {
        FactCorrection(person: row["person"], factKind: row["fact_kind"], factID: row["fact_id"], appealID: row["appeal_id"], at: Date(seconds: row["at"]))
    }

    static func appeal(_ row: Row) -> Appeal {
        Appeal(
            id: row["id"], person: row["person"], factKind: row["fact_kind"], factID: row["fact_id"], reason: row["reason"],
            submittedBy: row["submitted_by"], submittedAt: Date(seconds: row["submitted_at"]), deadline: Date(seconds: row["deadline"]),
            state: AppealState(rawValue: row["state"]) ?? .open, decidedBy: row["decided_by"],
            decidedAt: (row["decided_at"] as Int64?).map(Date.init(seconds:)), decision: row["decision"])
    }
}
