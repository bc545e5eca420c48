/// The append-only, hash-chained audit log.
public protocol AuditLogRepository: Sendable {
    @discardableResult
    func appendAudit(_ event: AuditEvent) async throws -> AuditEntry
    /// Entries in sequence order, starting after `sequence`.
    func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry]
    /// The newest entries first, optionally only those about one subject.
    func recentAudit(subjectID: String?, limit: Int) async throws -> [AuditEntry]
}

extension AuditLogRepository {
    /// Walks the whole chain in pages and names the first entry whose hash does not hold.
    public func verifyAuditChain(hasher: some AuditChainHasher, progress: (Int64) -> Void = { _ in }) async throws -> AuditVerification {
        var previous = AuditEntry.genesisHash
        var last: Int64 = 0
        var count: Int64 = 0
        while true {
            let page = try await auditEntries(after: last, limit: 5000)
            if page.isEmpty { return .intact(entries: count) }
            for entry in page {
                if entry.sequence != last + 1 {
                    return .broken(sequence: last + 1, reason: "entry \(last + 1) is missing (next present is \(entry.sequence))")
                }
                if entry.previousHash != previous {
                    return .broken(sequence: entry.sequence, reason: "previous-hash field does not match entry \(last)")
                }
                let expected = hasher.hash(sequence: entry.sequence, event: entry.event, previousHash: previous)
                if expected != entry.hash {
                    return .broken(sequence: entry.sequence, reason: "content does not match its hash (edited)")
                }
                previous = entry.hash
                last = entry.sequence
                count += 1
            }
            progress(count)
        }
    }
}
