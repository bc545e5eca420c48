import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func createAccount(_ a: StaffAccount, audit: AuditEvent?) async throws {
        try await transaction { connection in
            let existing = try await self.rows("SELECT 1 FROM accounts WHERE username = \(a.username) OR id = \(a.id)", on: connection)
            if !existing.isEmpty { throw StoreError.duplicate(kind: "account", key: a.username) }
            try await connection.query(
                """
                INSERT INTO accounts (id, username, display_name, role, jurisdiction_id, jurisdiction_path, password_hash, disabled, created_at)
                VALUES (\(a.id), \(a.username), \(a.displayName), \(a.role.rawValue), \(a.jurisdictionID), \(a.jurisdictionPath),
                        \(a.passwordHash), \(a.disabled), \(a.createdAt.milliseconds))
                """, logger: self.logger)
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    public func account(id: String) async throws -> StaffAccount? {
        try await rows("SELECT * FROM accounts WHERE id = \(id)").first.map(Self.account)
    }

    public func account(username: String) async throws -> StaffAccount? {
        try await rows("SELECT * FROM accounts WHERE username = \(username)").first.map(Self.account)
    }

    public func accounts() async throws -> [StaffAccount] {
        try await rows("SELECT * FROM accounts ORDER BY username").map(Self.account)
    }

    public func accounts(within area: AreaPath) async throws -> [StaffAccount] {
        let (lower, upper) = (area.lowerBound, area.upperBound)
        return try await rows("SELECT * FROM accounts WHERE jurisdiction_path >= \(lower) AND jurisdiction_path < \(upper) ORDER BY username").map(Self.account)
    }

    public func createToken(_ t: APIToken, audit: AuditEvent?) async throws {
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO api_tokens (token_hash, account_id, label, created_at, revoked)
                VALUES (\(t.tokenHash), \(t.accountID), \(t.label), \(t.createdAt.milliseconds), \(t.revoked))
                """, logger: self.logger)
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    public func account(tokenHash: Data) async throws -> StaffAccount? {
        try await rows(
            "SELECT a.* FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = \(tokenHash) AND NOT t.revoked AND NOT a.disabled"
        ).first.map(Self.account)
    }

    public func createSession(_ s: Session, audit: AuditEvent?) async throws {
        try await transaction { connection in
            // Sign-ins are rare next to requests: a good moment to forget expired sessions and codes.
            try await connection.query("DELETE FROM sessions WHERE expires_at < \(s.createdAt.milliseconds)", logger: self.logger)
            try await connection.query("DELETE FROM one_time_codes WHERE expires_at < \(s.createdAt.milliseconds)", logger: self.logger)
            try await connection.query(
                """
                INSERT INTO sessions (token_hash, subject, created_at, expires_at)
                VALUES (\(s.tokenHash), \(s.subject.storageKey), \(s.createdAt.milliseconds), \(s.expiresAt.milliseconds))
                """, logger: self.logger)
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    public func session(tokenHash: Data) async throws -> Session? {
        guard let row = try await rows("SELECT * FROM sessions WHERE token_hash = \(tokenHash)").first,
            let subject = Session.Subject(storageKey: try row.value("subject"))
        else { return nil }
        return Session(
            tokenHash: try row.value("token_hash"), subject: subject, createdAt: Date(milliseconds: try row.value("created_at")),
            expiresAt: Date(milliseconds: try row.value("expires_at")))
    }

    public func deleteSession(tokenHash: Data, audit: AuditEvent?) async throws {
        try await transaction { connection in
            try await connection.query("DELETE FROM sessions WHERE token_hash = \(tokenHash)", logger: self.logger)
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    public func issueOneTimeCode(_ code: OneTimeCode, message: OutboxMessage, throttleBefore: Date) async throws -> Bool {
        try await transaction { connection in
            let pending = try await self.rows("SELECT issued_at FROM one_time_codes WHERE phone_index = \(code.phoneIndex) FOR UPDATE", on: connection)
            if let since = try pending.first?.value("issued_at", as: Int64.self), since > throttleBefore.milliseconds { return false }
            try await connection.query(
                """
                INSERT INTO one_time_codes (phone_index, code_hash, resident_id, issued_at, expires_at, attempts_left)
                VALUES (\(code.phoneIndex), \(code.codeHash), \(code.residentID), \(code.issuedAt.milliseconds), \(code.expiresAt.milliseconds),
                        \(code.attemptsLeft))
                ON CONFLICT (phone_index) DO UPDATE SET code_hash = excluded.code_hash, resident_id = excluded.resident_id,
                    issued_at = excluded.issued_at, expires_at = excluded.expires_at, attempts_left = excluded.attempts_left
                """, logger: self.logger)
            try await self.enqueue(message, on: connection)
            return true
        }
    }

    public func redeemOneTimeCode(phoneIndex: Data, codeHash: Data, now: Date) async throws -> OneTimeCodeOutcome {
        try await transaction { connection in
            guard let row = try await self.rows("SELECT * FROM one_time_codes WHERE phone_index = \(phoneIndex) FOR UPDATE", on: connection).first
            else { return .expiredOrUnknown }
            let expiresAt: Int64 = try row.value("expires_at")
            let attemptsLeft: Int = Int(try row.value("attempts_left", as: Int32.self))
            if expiresAt < now.milliseconds || attemptsLeft <= 0 {
                try await connection.query("DELETE FROM one_time_codes WHERE phone_index = \(phoneIndex)", logger: self.logger)
                return .expiredOrUnknown
            }
            if try row.value("code_hash", as: Data.self) == codeHash {
                try await connection.query("DELETE FROM one_time_codes WHERE phone_index = \(phoneIndex)", logger: self.logger)
                return .accepted(residentID: try row.value("resident_id"))
            }
            try await connection.query(
                "UPDATE one_time_codes SET attempts_left = attempts_left - 1 WHERE phone_index = \(phoneIndex)", logger: self.logger)
            return .wrongCode(attemptsLeft: attemptsLeft - 1)
        }
    }

    static func account(_ row: PostgresRandomAccessRow) throws -> StaffAccount {
        StaffAccount(
            id: try row.value("id"), username: try row.value("username"), displayName: try row.value("display_name"),
            role: Role(rawValue: try row.value("role")) ?? .resident, jurisdictionID: try row.value("jurisdiction_id"),
            jurisdictionPath: try row.value("jurisdiction_path"), passwordHash: try row.value("password_hash"),
            disabled: try row.value("disabled"), createdAt: Date(milliseconds: try row.value("created_at")))
    }
}
