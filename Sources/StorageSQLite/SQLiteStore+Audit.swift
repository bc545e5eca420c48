import Domain
import Foundation
import GRDB

extension SQLiteStore {
    /// Appends inside the caller's write transaction. SQLite has a single writer, so reading the last
    /// hash and inserting the next entry cannot interleave with another append.
    @discardableResult
    func append(_ event: AuditEvent, in db: Database) throws -> AuditEntry {
        // Cached statements: checkpoint scans append an entry in every group commit.
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
        let sequence: Int64 = (last?[0] as Int64? ?? 0) + 1
        let previous: String = last?[1] ?? AuditEntry.genesisHash
        let hash = hasher.hash(sequence: sequence, event: event, previousHash: previous)
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_log (seq, at, actor, action, subject_kind, subject_id, detail, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            sequence, event.at.milliseconds, event.actor, event.action, event.subjectKind, event.subjectID, event.detail, previous, hash,
        ])
        return AuditEntry(sequence: sequence, event: event, previousHash: previous, hash: hash)
    }

    public func appendAudit(_ event: AuditEvent) async throws -> AuditEntry {
        try await pool.write { db in try self.append(event, in: db) }
    }

    public func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [sequence, limit]).map(Self.auditEntry)
        }
    }

    public func recentAudit(subjectID: String?, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            if let subjectID {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_log WHERE subject_id = ? ORDER BY seq DESC LIMIT ?", arguments: [subjectID, limit]
                ).map(Self.auditEntry)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [limit]).map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(
            sequence: row["seq"],
            event: AuditEvent(
                at: Date(milliseconds: row["at"]), actor: row["actor"], action: row["action"], subjectKind: row["subject_kind"],
                subjectID: row["subject_id"], detail: row["detail"]),
            previousHash: row["prev_hash"], hash: row["hash"])
    }
}
