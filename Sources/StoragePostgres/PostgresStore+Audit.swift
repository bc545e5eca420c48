import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Appends inside the caller's transaction. The advisory lock serialises appends across every
    /// instance sharing the database, so the chain stays linear; it is released at commit.
    @discardableResult
    func append(_ event: AuditEvent, on connection: PostgresConnection) async throws -> AuditEntry {
        try await connection.query("SELECT pg_advisory_xact_lock(727002)", logger: logger)
        let last = try await rows("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", on: connection).first
        let sequence = (try last?.value("seq", as: Int64.self) ?? 0) + 1
        let previous = try last?.value("hash", as: String.self) ?? AuditEntry.genesisHash
        let hash = hasher.hash(sequence: sequence, event: event, previousHash: previous)
        try await connection.query(
            """
            INSERT INTO audit_log (seq, at, actor, action, subject_kind, subject_id, detail, prev_hash, hash)
            VALUES (\(sequence), \(event.at.milliseconds), \(event.actor), \(event.action), \(event.subjectKind), \(event.subjectID),
                    \(event.detail), \(previous), \(hash))
            """, logger: logger)
        return AuditEntry(sequence: sequence, event: event, previousHash: previous, hash: hash)
    }

    public func appendAudit(_ event: AuditEvent) async throws -> AuditEntry {
        try await transaction { connection in try await self.append(event, on: connection) }
    }

    public func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await rows("SELECT * FROM audit_log WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)").map(Self.auditEntry)
    }

    public func recentAudit(subjectID: String?, limit: Int) async throws -> [AuditEntry] {
        if let subjectID {
            return try await rows("SELECT * FROM audit_log WHERE subject_id = \(subjectID) ORDER BY seq DESC LIMIT \(limit)").map(Self.auditEntry)
        }
        return try await rows("SELECT * FROM audit_log ORDER BY seq DESC LIMIT \(limit)").map(Self.auditEntry)
    }

    static func auditEntry(_ row: PostgresRandomAccessRow) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.value("seq"),
            event: AuditEvent(
                at: Date(milliseconds: try row.value("at")), actor: try row.value("actor"), action: try row.value("action"),
                subjectKind: try row.value("subject_kind"), subjectID: try row.value("subject_id"), detail: try row.value("detail")),
            previousHash: try row.value("prev_hash"), hash: try row.value("hash"))
    }
}
