import Domain
import Foundation

extension SQLStore {
    public func removeDependant(_ dependantID: String, proxy residentID: String, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            let n = try await tx.execute("DELETE FROM proxy_links WHERE proxy_id = \(residentID) AND dependant_id = \(dependantID)")
            if n > 0 { try await self.append(audit, in: tx) }
            return n > 0
        }
    }

    public func createProxyRequest(_ r: ProxyRequest, task: GridTask?, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO proxy_requests (id, proxy, dependant, relation, created_at, state, decided_by, decided_at)
                VALUES (\(r.id), \(r.proxy), \(r.dependant), \(r.relation.rawValue), \(r.createdAt.milliseconds), \(r.state.rawValue), \(r.decidedBy),
                        \(r.decidedAt?.milliseconds))
                """)
            if let task { _ = try await Self.insertTasks([task], in: tx) }
            try await self.append(audit, in: tx)
        }
    }

    public func pendingProxyRequests(dependant: String) async throws -> [ProxyRequest] {
        try await db.query(
            "SELECT * FROM proxy_requests WHERE dependant = \(dependant) AND state = 'pending' ORDER BY created_at, id", ProxyRequest.init(row:))
    }

    public func proxyRequest(id: String) async throws -> ProxyRequest? {
        try await db.first("SELECT * FROM proxy_requests WHERE id = \(id)", ProxyRequest.init(row:))
    }

    public func decideProxyRequest(id: String, confirm: Bool, by: String, at: Date, audit: AuditEvent) async throws -> ProxyRequest? {
        try await db.write { tx in
            let state = confirm ? ProxyRequest.State.confirmed : .rejected
            let n = try await tx.execute(
                """
                UPDATE proxy_requests SET state = \(state.rawValue), decided_by = \(by), decided_at = \(at.milliseconds)
                WHERE id = \(id) AND state = 'pending'
                """)
            guard n == 1, let decided = try await tx.first("SELECT * FROM proxy_requests WHERE id = \(id)", ProxyRequest.init(row:)) else { return nil }
            if confirm {
                try await tx.execute(
                    "INSERT INTO proxy_links (proxy_id, dependant_id) VALUES (\(decided.proxy), \(decided.dependant)) ON CONFLICT DO NOTHING")
            }
            try await self.append(audit, in: tx)
            return decided
        }
    }
}

extension ProxyRequest {
    init(row: any SQLRow) throws {
        let relation: String = try row.value("relation"), state: String = try row.value("state")
        guard let r = Relation(rawValue: relation), let s = State(rawValue: state) else {
            throw StoreError.unavailable("proxy_requests holds an unknown relation or state: \(relation) / \(state)")
        }
        self.init(
            id: try row.value("id"), proxy: try row.value("proxy"), dependant: try row.value("dependant"), relation: r,
            createdAt: Date(milliseconds: try row.value("created_at")), state: s, decidedBy: try row.value("decided_by"),
            decidedAt: try row.value("decided_at", as: Int64?.self).map(Date.init(milliseconds:)))
    }
}
