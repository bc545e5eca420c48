import Domain
import Foundation

extension SQLStore {
    /// Appends inside the caller's transaction. Reading the last hash and inserting the next entry
    /// must not interleave with another append: SQLite has one writer, PostgreSQL takes a lock
    /// that every instance sharing the database respects until commit.
    @discardableResult
    func append(_ event: AuditEvent, in tx: any SQLExecutor) async throws -> AuditEntry {
        try await tx.lock(.audit)
        let last = try await tx.first("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") { row in
            (try row.value(at: 0, as: Int64.self), try row.value(at: 1, as: String.self))
        }
        let sequence = (last?.0 ?? 0) + 1
        let previous = last?.1 ?? AuditEntry.genesisHash
        let hash = hasher.hash(sequence: sequence, event: event, previousHash: previous)
        try await tx.execute(
            """
            INSERT INTO audit_log (seq, at, actor, action, subject_kind, subject_id, detail, prev_hash, hash)
            VALUES (\(sequence), \(event.at.milliseconds), \(event.actor), \(event.action), \(event.subjectKind), \(event.subjectID),
                    \(event.detail), \(previous), \(hash))
            """)
        return AuditEntry(sequence: sequence, event: event, previousHash: previous, hash: hash)
    }

    public func appendAudit(_ event: AuditEvent) async throws -> AuditEntry {
        try await db.write { tx in try await self.append(event, in: tx) }
    }

    public func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await db.query("SELECT * FROM audit_log WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)", AuditEntry.init(row:))
    }

    public func recentAudit(subjectID: String?, limit: Int) async throws -> [AuditEntry] {
        let filter: SQL = subjectID.map { "WHERE subject_id = \($0)" } ?? ""
        return try await db.query("SELECT * FROM audit_log \(filter) ORDER BY seq DESC LIMIT \(limit)", AuditEntry.init(row:))
    }

    public func auditPage(_ f: AuditFilter, page: PageRequest) async throws -> ListPage<AuditEntry> {
        var scope: SQL = "FROM audit_log WHERE 1 = 1"
        if let id = f.subjectID { scope = "\(scope) AND subject_id = \(id)" }
        if let actor = f.actor { scope = "\(scope) AND actor = \(actor)" }
        if let prefix = f.actionPrefix { scope = "\(scope) AND action LIKE \(SQL.likePattern(prefix: prefix)) ESCAPE '\\'" }
        if let from = f.from { scope = "\(scope) AND at >= \(from.milliseconds)" }
        if let to = f.to { scope = "\(scope) AND at < \(to.milliseconds)" }
        let where_ = scope
        return try await db.read { r in
            let items = try await r.query("SELECT * \(where_) ORDER BY seq DESC LIMIT \(page.limit) OFFSET \(page.offset)", AuditEntry.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(where_)"), request: page)
        }
    }
}

extension AuditEntry {
    init(row: any SQLRow) throws {
        self.init(
            sequence: try row.value("seq"),
            event: AuditEvent(
                at: Date(milliseconds: try row.value("at")), actor: try row.value("actor"), action: try row.value("action"),
                subjectKind: try row.value("subject_kind"), subjectID: try row.value("subject_id"), detail: try row.value("detail")),
            previousHash: try row.value("prev_hash"), hash: try row.value("hash"))
    }
}
