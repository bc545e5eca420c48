import Domain
import Foundation

extension SQLStore {
    public func createHelpRequest(_ r: HelpRequest, task: GridTask, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO help_requests (id, kind, category, text, compound_id, address, grid_id, grid_path, sender_resident, sender_phone_index,
                                           sender_phone_masked, follow_hash, created_at, state, answer, answered_by, answered_at)
                VALUES (\(r.id), \(r.kind.rawValue), \(r.category.rawValue), \(r.text), \(r.compoundID), \(r.address), \(r.gridID), \(r.gridPath),
                        \(r.senderResident), \(r.senderPhoneIndex), \(r.senderPhoneMasked), \(r.followHash), \(r.createdAt.milliseconds), \(r.state.rawValue),
                        \(r.answer), \(r.answeredBy), \(r.answeredAt?.milliseconds))
                """)
            _ = try await Self.insertTasks([task], in: tx)
            try await self.append(audit, in: tx)
        }
    }

    public func helpRequest(id: String) async throws -> HelpRequest? {
        try await db.first("SELECT * FROM help_requests WHERE id = \(id)", HelpRequest.init(row:))
    }

    public func helpRequest(followHash: Data) async throws -> HelpRequest? {
        try await db.first("SELECT * FROM help_requests WHERE follow_hash = \(followHash)", HelpRequest.init(row:))
    }

    public func helpRequests(senderResident: String, limit: Int) async throws -> [HelpRequest] {
        try await db.query(
            "SELECT * FROM help_requests WHERE sender_resident = \(senderResident) ORDER BY created_at DESC, id LIMIT \(limit)", HelpRequest.init(row:))
    }

    public func answerHelpRequest(id: String, answer: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            let n = try await tx.execute(
                """
                UPDATE help_requests SET state = 'answered', answer = \(answer), answered_by = \(by), answered_at = \(at.milliseconds)
                WHERE id = \(id) AND state = 'open'
                """)
            guard n == 1 else { return false }
            // Its task is done with it: the answer is the work.
            if var task = try await tx.first("SELECT doc FROM grid_tasks WHERE fact_key = \("help-request:" + id)", GridTask.init(row:)), task.isOpen {
                let previous = task.state
                task.state = .done
                task.stateReason = "answered"
                task.updatedAt = at
                task.updatedBy = by
                try await tx.execute(
                    "UPDATE grid_tasks SET state = \(task.state.rawValue), doc = \(try GridJSON.text(task)) WHERE id = \(task.id) AND state = \(previous.rawValue)")
            }
            try await self.append(audit, in: tx)
            return true
        }
    }
}

extension HelpRequest {
    init(row: any SQLRow) throws {
        let kind: String = try row.value("kind"), category: String = try row.value("category"), state: String = try row.value("state")
        guard let k = Kind(rawValue: kind), let c = Category(rawValue: category), let s = State(rawValue: state) else {
            throw StoreError.unavailable("help_requests holds an unknown kind, category or state: \(kind) / \(category) / \(state)")
        }
        self.init(
            id: try row.value("id"), kind: k, category: c, text: try row.value("text"), compoundID: try row.value("compound_id"),
            address: try row.value("address"), gridID: try row.value("grid_id"), gridPath: try row.value("grid_path"),
            senderResident: try row.value("sender_resident"), senderPhoneIndex: try row.value("sender_phone_index"),
            senderPhoneMasked: try row.value("sender_phone_masked"), followHash: try row.value("follow_hash"),
            createdAt: Date(milliseconds: try row.value("created_at")), state: s, answer: try row.value("answer"), answeredBy: try row.value("answered_by"),
            answeredAt: try row.value("answered_at", as: Int64?.self).map(Date.init(milliseconds:)))
    }
}
