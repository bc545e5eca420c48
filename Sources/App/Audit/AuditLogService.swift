import Domain
import Foundation
import Privacy

/// The audit log for those who audit (the command centre, administrators): filtered by person,
/// account, action and time, exported as CSV, and its chain verified. Reading the log is itself
/// audited, so who looked at whose trail is on the record too.
public struct AuditLogService: Sendable {
    let store: any AuditLogRepository & AccountRepository
    let hasher: KeyedAuditChainHasher
    let clock: WallClock
    let directory: PersonDirectory

    /// The filter as typed on the page: a person id, an account's user name, an action (or its
    /// family, `person.`), and days.
    public struct Query: Sendable, Equatable {
        public var person: String?
        public var account: String?
        public var action: String?
        public var from: Date?
        public var to: Date?

        public init(person: String? = nil, account: String? = nil, action: String? = nil, from: Date? = nil, to: Date? = nil) {
            func clean(_ s: String?) -> String? { s.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
            (self.person, self.account, self.action, self.from, self.to) = (clean(person), clean(account), clean(action), from, to)
        }
    }

    /// An account named in a filter that does not exist.
    public struct UnknownAccount: Error, Equatable { public var username: String }

    public func page(_ query: Query, page: PageRequest, as principal: Principal) async throws -> ListPage<AuditEntry> {
        try await directory.authorize(principal, .readAudit, kind: "audit", id: "page")
        return try await store.auditPage(try await filter(query), page: page)
    }

    /// Every entry the filter selects (at most `limit`), oldest first, in pages of 1,000; the
    /// export is audited with its filter.
    public func export(_ query: Query, limit: Int = 200_000, as principal: Principal) async throws -> [AuditEntry] {
        try await directory.authorize(principal, .readAudit, kind: "audit", id: "export")
        let f = try await filter(query)
        var out: [AuditEntry] = []
        var offset = 0
        while out.count < limit {
            let page = try await store.auditPage(f, page: PageRequest(offset: offset, limit: PageRequest.maxLimit))
            out += page.items
            guard page.hasNext else { break }
            offset += page.items.count
        }
        try await store.appendAudit(clock.event(principal.auditName, .auditExport, kind: "audit", id: "export", detail: describe(query)))
        return out.reversed()
    }

    /// Walks the whole chain (the same check as `cordon audit verify`).
    public func verify(as principal: Principal) async throws -> AuditVerification {
        try await directory.authorize(principal, .readAudit, kind: "audit", id: "verify")
        let result = try await store.verifyAuditChain(hasher: hasher)
        try await store.appendAudit(clock.event(principal.auditName, .auditVerify, kind: "audit", id: "chain", detail: "\(result)"))
        return result
    }

    /// Staff actors by name for the page: `staff:acct-x` → "王网格 (dongpo.wang)".
    public func actorNames(_ entries: [AuditEntry]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for actor in Set(entries.map(\.event.actor)) where actor.hasPrefix("staff:") {
            if let a = try await store.account(id: String(actor.dropFirst(6))) { names[actor] = "\(a.displayName) (\(a.username))" }
        }
        return names
    }

    private func filter(_ q: Query) async throws -> AuditFilter {
        var actor: String? = nil
        if let username = q.account {
            guard let account = try await store.account(username: username) else { throw UnknownAccount(username: username) }
            actor = Session.Subject.staff(accountID: account.id).storageKey
        }
        return AuditFilter(subjectID: q.person, actor: actor, actionPrefix: q.action, from: q.from, to: q.to)
    }

    private func describe(_ q: Query) -> String {
        [q.person.map { "person \($0)" }, q.account.map { "account \($0)" }, q.action.map { "action \($0)" },
         q.from.map { "from \(Timestamp.format($0))" }, q.to.map { "to \(Timestamp.format($0))" }].compactMap { $0 }.joined(separator: ", ")
    }
}
