import Domain
import Foundation

extension SQLStore {
    public func insertAppeal(_ a: Appeal, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO appeals (id, person, fact_kind, fact_id, reason, submitted_by, submitted_at, deadline, state)
                VALUES (\(a.id), \(a.person), \(a.factKind), \(a.factID), \(a.reason), \(a.submittedBy), \(a.submittedAt.seconds),
                        \(a.deadline.seconds), \(a.state.rawValue))
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func appeal(id: String) async throws -> Appeal? {
        try await db.first("SELECT * FROM appeals WHERE id = \(id)", Appeal.init(row:))
    }

    public func appeals(person: String) async throws -> [Appeal] {
        try await db.query("SELECT * FROM appeals WHERE person = \(person) ORDER BY submitted_at DESC, id", Appeal.init(row:))
    }

    public func openAppeals(within area: AreaPath, page: PageRequest) async throws -> ListPage<Appeal> {
        let scope: SQL = """
            FROM appeals a JOIN residents r ON r.id = a.person
            WHERE a.state = 'open' AND r.area_path >= \(area.lowerBound) AND r.area_path < \(area.upperBound)
            """
        return try await db.read { r in
            let items = try await r.query("SELECT a.* \(scope) ORDER BY a.deadline, a.id LIMIT \(page.limit) OFFSET \(page.offset)", Appeal.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func decideAppeal(_ a: Appeal, correction: FactCorrection?, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            let changed = try await tx.execute(
                """
                UPDATE appeals SET state = \(a.state.rawValue), decided_by = \(a.decidedBy), decided_at = \(a.decidedAt?.seconds), decision = \(a.decision)
                WHERE id = \(a.id) AND state = 'open'
                """)
            guard changed == 1 else { return false }
            if let c = correction {
                try await tx.execute(
                    """
                    INSERT INTO fact_corrections (person, fact_kind, fact_id, appeal_id, at)
                    VALUES (\(c.person), \(c.factKind), \(c.factID), \(c.appealID), \(c.at.seconds)) ON CONFLICT DO NOTHING
                    """)
            }
            if let notify { try await self.enqueue(notify, in: tx) }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func corrections(person: String) async throws -> [FactCorrection] {
        try await db.query("SELECT * FROM fact_corrections WHERE person = \(person) ORDER BY at", FactCorrection.init(row:))
    }
}

extension FactCorrection {
    init(row: any SQLRow) throws {
        self.init(
            person: try row.value("person"), factKind: try row.value("fact_kind"), factID: try row.value("fact_id"),
            appealID: try row.value("appeal_id"), at: Date(seconds: try row.value("at")))
    }
}

extension Appeal {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), person: try row.value("person"), factKind: try row.value("fact_kind"), factID: try row.value("fact_id"),
            reason: try row.value("reason"), submittedBy: try row.value("submitted_by"), submittedAt: Date(seconds: try row.value("submitted_at")),
            deadline: Date(seconds: try row.value("deadline")), state: AppealState(rawValue: try row.value("state")) ?? .open,
            decidedBy: try row.value("decided_by"), decidedAt: try row.value("decided_at", as: Int64?.self).map(Date.init(seconds:)),
            decision: try row.value("decision"))
    }
}
