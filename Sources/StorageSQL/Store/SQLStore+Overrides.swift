import Domain
import Foundation

extension SQLStore {
    public func insertOverrideRequest(_ r: OverrideRequest, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO override_requests (id, person, colour, legal_basis, until, proposer, proposed_at, state)
                VALUES (\(r.id), \(r.person), \(r.colour.rawValue), \(r.legalBasis), \(r.until.seconds), \(r.proposer), \(r.proposedAt.seconds), \(r.state.rawValue))
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func overrideRequest(id: String) async throws -> OverrideRequest? {
        try await db.first("SELECT * FROM override_requests WHERE id = \(id)", OverrideRequest.init(row:))
    }

    public func decideOverride(_ r: OverrideRequest, notify: OutboxMessage?, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            let changed = try await tx.execute(
                """
                UPDATE override_requests SET state = \(r.state.rawValue), approver = \(r.approver), decided_at = \(r.decidedAt?.seconds), decision_note = \(r.decisionNote)
                WHERE id = \(r.id) AND state = 'proposed'
                """)
            guard changed == 1 else { return false }
            if let notify { try await self.enqueue(notify, in: tx) }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func overrideRequests(person: String) async throws -> [OverrideRequest] {
        try await db.query("SELECT * FROM override_requests WHERE person = \(person) ORDER BY proposed_at, id", OverrideRequest.init(row:))
    }

    public func pendingOverrideRequests(within area: AreaPath, page: PageRequest) async throws -> ListPage<OverrideRequest> {
        let scope: SQL = """
            FROM override_requests o JOIN residents r ON r.id = o.person
            WHERE o.state = 'proposed' AND r.area_path >= \(area.lowerBound) AND r.area_path < \(area.upperBound)
            """
        return try await db.read { r in
            let items = try await r.query(
                "SELECT o.* \(scope) ORDER BY o.proposed_at, o.id LIMIT \(page.limit) OFFSET \(page.offset)", OverrideRequest.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }
}

extension OverrideRequest {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), person: try row.value("person"), colour: HealthColour(rawValue: try row.value("colour")) ?? .red,
            legalBasis: try row.value("legal_basis"), until: Date(seconds: try row.value("until")), proposer: try row.value("proposer"),
            proposedAt: Date(seconds: try row.value("proposed_at")), state: OverrideState(rawValue: try row.value("state")) ?? .proposed,
            approver: try row.value("approver"), decidedAt: try row.value("decided_at", as: Int64?.self).map(Date.init(seconds:)),
            decisionNote: try row.value("decision_note"))
    }
}
