import Domain
import Foundation

extension SQLStore {
    public func createAccount(_ a: StaffAccount, audit: AuditEvent?) async throws {
        try await db.write { tx in
            try await Self.insertAccount(a, in: tx)
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    static func insertAccount(_ a: StaffAccount, in tx: any SQLExecutor) async throws {
        let existing = try await tx.first("SELECT 1 FROM accounts WHERE username = \(a.username) OR id = \(a.id)") { _ in true }
        if existing != nil { throw StoreError.duplicate(kind: "account", key: a.username) }
        try await tx.execute(
            """
            INSERT INTO accounts (id, username, display_name, role, jurisdiction_id, jurisdiction_path, password_hash, disabled, created_at,
                                  must_change_password, work_phone, enterprise_id, pharmacy_id)
            VALUES (\(a.id), \(a.username), \(a.displayName), \(a.role.rawValue), \(a.jurisdictionID), \(a.jurisdictionPath),
                    \(a.passwordHash), \(a.disabled), \(a.createdAt.milliseconds), \(a.mustChangePassword), \(a.workPhone), \(a.enterpriseID), \(a.pharmacyID))
            """)
    }

    public func account(id: String) async throws -> StaffAccount? {
        try await db.first("SELECT * FROM accounts WHERE id = \(id)", StaffAccount.init(row:))
    }

    public func account(username: String) async throws -> StaffAccount? {
        try await db.first("SELECT * FROM accounts WHERE username = \(username)", StaffAccount.init(row:))
    }

    public func accounts() async throws -> [StaffAccount] {
        try await db.query("SELECT * FROM accounts ORDER BY username", StaffAccount.init(row:))
    }

    public func activeAccounts(role: Role) async throws -> [StaffAccount] {
        try await db.query("SELECT * FROM accounts WHERE role = \(role.rawValue) AND NOT disabled ORDER BY username", StaffAccount.init(row:))
    }

    public func accounts(within area: AreaPath) async throws -> [StaffAccount] {
        try await db.query(
            "SELECT * FROM accounts WHERE jurisdiction_path >= \(area.lowerBound) AND jurisdiction_path < \(area.upperBound) ORDER BY username",
            StaffAccount.init(row:))
    }

    public func accountPage(within area: AreaPath, matching: String?, page: PageRequest) async throws -> ListPage<StaffAccount> {
        var scope: SQL = "FROM accounts WHERE jurisdiction_path >= \(area.lowerBound) AND jurisdiction_path < \(area.upperBound)"
        if let matching, !matching.isEmpty {
            let pattern = SQL.likePattern(containing: matching)
            scope = "\(scope) AND (lower(username) LIKE lower(\(pattern)) ESCAPE '\\' OR lower(display_name) LIKE lower(\(pattern)) ESCAPE '\\')"
        }
        let where_ = scope
        return try await db.read { r in
            let items = try await r.query(
                "SELECT * \(where_) ORDER BY jurisdiction_path, username LIMIT \(page.limit) OFFSET \(page.offset)", StaffAccount.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(where_)"), request: page)
        }
    }

    public func updateAccount(_ a: StaffAccount, audit: AuditEvent?) async throws {
        try await db.write { tx in
            let n = try await tx.execute(
                """
                UPDATE accounts SET display_name = \(a.displayName), role = \(a.role.rawValue), jurisdiction_id = \(a.jurisdictionID),
                jurisdiction_path = \(a.jurisdictionPath), disabled = \(a.disabled), work_phone = \(a.workPhone) WHERE id = \(a.id)
                """)
            guard n == 1 else { throw StoreError.notFound(kind: "account", id: a.id) }
            if a.disabled { try await tx.execute("DELETE FROM sessions WHERE subject = \(Session.Subject.staff(accountID: a.id).storageKey)") }
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func setPassword(accountID: String, hash: String, mustChange: Bool, endSessions: Bool, audit: AuditEvent?) async throws {
        try await db.write { tx in
            let n = try await tx.execute(
                "UPDATE accounts SET password_hash = \(hash), must_change_password = \(mustChange) WHERE id = \(accountID)")
            guard n == 1 else { throw StoreError.notFound(kind: "account", id: accountID) }
            if endSessions { try await tx.execute("DELETE FROM sessions WHERE subject = \(Session.Subject.staff(accountID: accountID).storageKey)") }
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func revokeToken(accountID: String, tokenHash: Data, audit: AuditEvent?) async throws -> Bool {
        try await db.write { tx in
            let n = try await tx.execute(
                "UPDATE api_tokens SET revoked = \(true) WHERE account_id = \(accountID) AND token_hash = \(tokenHash) AND NOT revoked")
            if let audit, n > 0 { try await self.append(audit, in: tx) }
            return n > 0
        }
    }

    public func tokenUsed(tokenHash: Data, at: Date) async throws {
        try await db.write { tx in
            _ = try await tx.execute("UPDATE api_tokens SET last_used_at = \(at.milliseconds) WHERE token_hash = \(tokenHash)")
        }
    }

    public func createToken(_ t: APIToken, audit: AuditEvent?) async throws {
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO api_tokens (token_hash, account_id, label, created_at, revoked, scopes, area_path, expires_at)
                VALUES (\(t.tokenHash), \(t.accountID), \(t.label), \(t.createdAt.milliseconds), \(t.revoked), \(t.scopes.map { $0.sorted().joined(separator: ",") }),
                        \(t.areaPath), \(t.expiresAt?.milliseconds))
                """)
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func account(tokenHash: Data) async throws -> StaffAccount? {
        try await db.first(
            "SELECT a.* FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = \(tokenHash) AND NOT t.revoked AND NOT a.disabled",
            StaffAccount.init(row:))
    }

    public func tokenAccount(tokenHash: Data) async throws -> (account: StaffAccount, token: APIToken)? {
        try await db.first(
            """
            SELECT a.*, t.token_hash AS t_hash, t.label AS t_label, t.created_at AS t_created, t.revoked AS t_revoked, t.scopes AS t_scopes, t.area_path AS t_area,
                   t.expires_at AS t_expires, t.last_used_at AS t_used
            FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = \(tokenHash) AND NOT t.revoked AND NOT a.disabled
            """
        ) { row in
            let account = try StaffAccount(row: row)
            let token = APIToken(
                tokenHash: try row.value("t_hash"), accountID: account.id, label: try row.value("t_label"),
                createdAt: Date(milliseconds: try row.value("t_created")), revoked: try row.value("t_revoked"),
                scopes: try row.value("t_scopes", as: String?.self).map(APIToken.scopes(from:)), areaPath: try row.value("t_area"),
                expiresAt: try row.value("t_expires", as: Int64?.self).map(Date.init(milliseconds:)),
                lastUsedAt: try row.value("t_used", as: Int64?.self).map(Date.init(milliseconds:)))
            return (account, token)
        }
    }

    public func tokens(accountID: String) async throws -> [APIToken] {
        try await db.query("SELECT * FROM api_tokens WHERE account_id = \(accountID) ORDER BY created_at DESC, label") { row in
            APIToken(
                tokenHash: try row.value("token_hash"), accountID: try row.value("account_id"), label: try row.value("label"),
                createdAt: Date(milliseconds: try row.value("created_at")), revoked: try row.value("revoked"),
                scopes: try row.value("scopes", as: String?.self).map(APIToken.scopes(from:)), areaPath: try row.value("area_path"),
                expiresAt: try row.value("expires_at", as: Int64?.self).map(Date.init(milliseconds:)),
                lastUsedAt: try row.value("last_used_at", as: Int64?.self).map(Date.init(milliseconds:)))
        }
    }

    public func revokeTokens(accountID: String, label: String, audit: AuditEvent?) async throws -> Int {
        try await db.write { tx in
            let n = try await tx.execute("UPDATE api_tokens SET revoked = \(true) WHERE account_id = \(accountID) AND label = \(label) AND NOT revoked")
            if let audit, n > 0 { try await self.append(audit, in: tx) }
            return n
        }
    }

    public func createSession(_ s: Session, audit: AuditEvent?) async throws {
        try await db.write { tx in
            // Sign-ins are rare next to requests: a good moment to forget expired sessions and codes.
            try await tx.execute("DELETE FROM sessions WHERE expires_at < \(s.createdAt.milliseconds)")
            try await tx.execute("DELETE FROM one_time_codes WHERE expires_at < \(s.createdAt.milliseconds)")
            try await tx.execute(
                """
                INSERT INTO sessions (token_hash, subject, created_at, expires_at)
                VALUES (\(s.tokenHash), \(s.subject.storageKey), \(s.createdAt.milliseconds), \(s.expiresAt.milliseconds))
                """)
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func session(tokenHash: Data) async throws -> Session? {
        try await db.first("SELECT * FROM sessions WHERE token_hash = \(tokenHash)", Session.init(row:)) ?? nil
    }

    public func deleteSession(tokenHash: Data, audit: AuditEvent?) async throws {
        try await db.write { tx in
            try await tx.execute("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func issueOneTimeCode(_ code: OneTimeCode, message: OutboxMessage, throttleBefore: Date) async throws -> Bool {
        try await db.write { tx in
            // PostgreSQL locks the pending code against a concurrent request; SQLite's single writer already does.
            let pendingSince = try await tx.first(
                "SELECT issued_at FROM one_time_codes WHERE phone_index = \(code.phoneIndex) \(raw: tx.dialect == .postgres ? "FOR UPDATE" : "")"
            ) { try $0.value("issued_at", as: Int64.self) }
            if let pendingSince, pendingSince > throttleBefore.milliseconds { return false }
            try await tx.execute(
                """
                INSERT INTO one_time_codes (phone_index, code_hash, resident_id, issued_at, expires_at, attempts_left)
                VALUES (\(code.phoneIndex), \(code.codeHash), \(code.residentID), \(code.issuedAt.milliseconds), \(code.expiresAt.milliseconds),
                        \(code.attemptsLeft))
                ON CONFLICT (phone_index) DO UPDATE SET code_hash = excluded.code_hash, resident_id = excluded.resident_id,
                    issued_at = excluded.issued_at, expires_at = excluded.expires_at, attempts_left = excluded.attempts_left
                """)
            try await self.enqueue(message, in: tx)
            return true
        }
    }

    public func redeemOneTimeCode(phoneIndex: Data, codeHash: Data, now: Date) async throws -> OneTimeCodeOutcome {
        try await db.write { tx in
            // PostgreSQL locks the code so two guesses cannot both spend the same attempt; SQLite's single writer already does.
            let pending = try await tx.first(
                "SELECT * FROM one_time_codes WHERE phone_index = \(phoneIndex) \(raw: tx.dialect == .postgres ? "FOR UPDATE" : "")"
            ) { row in
                (expiresAt: try row.value("expires_at", as: Int64.self), attemptsLeft: try row.value("attempts_left", as: Int.self),
                 codeHash: try row.value("code_hash", as: Data.self), residentID: try row.value("resident_id", as: String.self))
            }
            guard let pending else { return .expiredOrUnknown }
            if pending.expiresAt < now.milliseconds || pending.attemptsLeft <= 0 {
                try await tx.execute("DELETE FROM one_time_codes WHERE phone_index = \(phoneIndex)")
                return .expiredOrUnknown
            }
            if pending.codeHash == codeHash {
                try await tx.execute("DELETE FROM one_time_codes WHERE phone_index = \(phoneIndex)")
                return .accepted(residentID: pending.residentID)
            }
            try await tx.execute("UPDATE one_time_codes SET attempts_left = attempts_left - 1 WHERE phone_index = \(phoneIndex)")
            return .wrongCode(attemptsLeft: pending.attemptsLeft - 1)
        }
    }
}

extension SQLStore {
    public func admitSignInAttempt(at now: Date, rules: [ThrottleRule]) async throws -> Date? {
        try await db.write { tx in
            // Instances sharing PostgreSQL count and record one attempt at a time, or two parallel
            // guesses could both pass the last free slot.
            try await tx.lock(.signIn)
            if let retryAt = try await Self.blocked(at: now, rules: rules, in: tx) { return retryAt }
            try await Self.record(at: now, rules: rules, in: tx)
            return nil
        }
    }

    public func signInBlocked(at now: Date, rules: [ThrottleRule]) async throws -> Date? {
        try await db.read { r in try await Self.blocked(at: now, rules: rules, in: r) }
    }

    public func recordSignInFailure(at now: Date, rules: [ThrottleRule]) async throws {
        try await db.write { tx in try await Self.record(at: now, rules: rules, in: tx) }
    }

    /// The latest time at which every used-up rule frees again (the oldest of its last `limit`
    /// attempts leaves the window), or nil when none is used up.
    static func blocked(at now: Date, rules: [ThrottleRule], in r: any SQLExecutor) async throws -> Date? {
        var retryAt: Date?
        for rule in rules {
            let since = now.addingTimeInterval(-rule.window).milliseconds
            let times = try await r.query(
                "SELECT at FROM sign_in_attempts WHERE key = \(rule.key) AND kind = \(rule.kind) AND at > \(since) ORDER BY at DESC LIMIT \(rule.limit)"
            ) { try $0.value("at", as: Int64.self) }
            if times.count >= rule.limit, let oldest = times.last {
                let free = Date(milliseconds: oldest).addingTimeInterval(rule.window)
                retryAt = max(retryAt ?? free, free)
            }
        }
        return retryAt
    }

    static func record(at now: Date, rules: [ThrottleRule], in tx: any SQLExecutor) async throws {
        for rule in rules {
            try await tx.execute("INSERT INTO sign_in_attempts (key, kind, at) VALUES (\(rule.key), \(rule.kind), \(now.milliseconds))")
        }
    }

    public func purgeSignInAttempts(before: Date) async throws -> Int {
        try await db.execute("DELETE FROM sign_in_attempts WHERE at < \(before.milliseconds)")
    }
}

extension SQLStore {
    public func enrolSecondFactor(accountID: String, sealed: Data, step: Int64, audit: AuditEvent?) async throws -> Bool {
        try await db.write { tx in
            let changed = try await tx.execute(
                "UPDATE accounts SET totp_sealed = \(sealed), totp_step = \(step) WHERE id = \(accountID) AND totp_sealed IS NULL")
            if changed == 1, let audit { try await self.append(audit, in: tx) }
            return changed == 1
        }
    }

    public func useSecondFactorStep(accountID: String, step: Int64) async throws -> Bool {
        try await db.write { tx in
            try await tx.execute("UPDATE accounts SET totp_step = \(step) WHERE id = \(accountID) AND totp_step < \(step)") == 1
        }
    }

    public func resetSecondFactor(accountID: String, audit: AuditEvent?) async throws {
        try await db.write { tx in
            try await tx.execute("UPDATE accounts SET totp_sealed = NULL, totp_step = 0 WHERE id = \(accountID)")
            if let audit { try await self.append(audit, in: tx) }
        }
    }
}

extension StaffAccount {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), username: try row.value("username"), displayName: try row.value("display_name"),
            role: Role(rawValue: try row.value("role")) ?? .resident, jurisdictionID: try row.value("jurisdiction_id"),
            jurisdictionPath: try row.value("jurisdiction_path"), passwordHash: try row.value("password_hash"),
            disabled: try row.value("disabled"), createdAt: Date(milliseconds: try row.value("created_at")),
            secondFactorSealed: try row.value("totp_sealed"), mustChangePassword: try row.value("must_change_password"),
            workPhone: try row.value("work_phone"), enterpriseID: try row.value("enterprise_id"))
        pharmacyID = try row.value("pharmacy_id")
    }
}

extension Session {
    init?(row: any SQLRow) throws {
        guard let subject = Session.Subject(storageKey: try row.value("subject")) else { return nil }
        self.init(
            tokenHash: try row.value("token_hash"), subject: subject, createdAt: Date(milliseconds: try row.value("created_at")),
            expiresAt: Date(milliseconds: try row.value("expires_at")))
    }
}
