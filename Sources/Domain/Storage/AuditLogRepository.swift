import Foundation

/// The append-only, hash-chained audit log.
public protocol AuditLogRepository: Sendable {
    @discardableResult
    func appendAudit(_ event: AuditEvent) async throws -> AuditEntry
    /// Entries in sequence order, starting after `sequence`.
    func auditEntries(after sequence: Int64, limit: Int) async throws -> [AuditEntry]
    /// The newest entries first, optionally only those about one subject.
    func recentAudit(subjectID: String?, limit: Int) async throws -> [AuditEntry]
    /// The entries a filter selects, newest first, one page and how many there are.
    func auditPage(_ filter: AuditFilter, page: PageRequest) async throws -> ListPage<AuditEntry>
}

extension AuditLogRepository {
    /// Walks the whole chain in pages and names the first entry whose hash does not hold. Entries in
    /// the unkeyed first format are accepted only before the first keyed one (a store that predates
    /// the keyed chain); one after it is a rewrite.
    public func verifyAuditChain(hasher: some AuditChainHasher, progress: (Int64) -> Void = { _ in }) async throws -> AuditVerification {
        var previous = AuditEntry.genesisHash
        var last: Int64 = 0
        var count: Int64 = 0
        var unkeyed: Int64 = 0
        var keyedSeen = false
        while true {
            let page = try await auditEntries(after: last, limit: 5000)
            if page.isEmpty { return .intact(entries: count, unkeyed: unkeyed) }
            for entry in page {
                if entry.sequence != last + 1 {
                    return .broken(sequence: last + 1, reason: "entry \(last + 1) is missing (next present is \(entry.sequence))")
                }
                if entry.previousHash != previous {
                    return .broken(sequence: entry.sequence, reason: "previous-hash field does not match entry \(last)")
                }
                if hasher.hash(sequence: entry.sequence, event: entry.event, previousHash: previous) == entry.hash {
                    keyedSeen = true
                } else if hasher.legacyHash(sequence: entry.sequence, event: entry.event, previousHash: previous) == entry.hash {
                    // An unkeyed entry is one written before the chain was keyed, or a rewrite.
                    if keyedSeen { return .broken(sequence: entry.sequence, reason: "unkeyed entry after keyed ones (rewritten without the key)") }
                    if let limit = hasher.unkeyedLimit, entry.sequence > limit {
                        return .broken(
                            sequence: entry.sequence, reason: "unkeyed entry, but the chain is keyed from entry \(limit + 1) on (rewritten without the key)")
                    }
                    unkeyed += 1
                } else {
                    return .broken(sequence: entry.sequence, reason: "content does not match its hash (edited)")
                }
                previous = entry.hash
                last = entry.sequence
                count += 1
            }
            progress(count)
        }
    }

    /// The signed head of the chain as it stands, or nil while the log is empty.
    public func auditAnchor(hasher: some AuditChainHasher, at now: Date) async throws -> AuditAnchor? {
        guard let head = try await recentAudit(subjectID: nil, limit: 1).first else { return nil }
        // Whole seconds: the anchor is kept as JSON with ISO 8601 times, which carry no fraction.
        var anchor = AuditAnchor(sequence: head.sequence, hash: head.hash, at: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
        anchor.signature = hasher.signature(of: anchor)
        return anchor
    }

    /// Whether the log still holds the anchored entry with the anchored hash. Together with an intact
    /// chain this proves nothing up to the anchor was rewritten and nothing after it cut off.
    public func check(_ anchor: AuditAnchor, hasher: some AuditChainHasher) async throws -> AuditAnchor.Check {
        guard hasher.signature(of: anchor) == anchor.signature, anchor.sequence >= 1 else { return .forged }
        guard let entry = try await auditEntries(after: anchor.sequence - 1, limit: 1).first, entry.sequence == anchor.sequence else {
            return .truncated(lastSequence: try await recentAudit(subjectID: nil, limit: 1).first?.sequence ?? 0)
        }
        return entry.hash == anchor.hash ? .holds : .rewritten
    }
}
