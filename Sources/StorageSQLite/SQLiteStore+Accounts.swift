import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func createAccount(_ a: StaffAccount, audit: AuditEvent?) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE username = ? OR id = ?", arguments: [a.username, a.id]) == true {
                throw StoreError.duplicate(kind: "account", key: a.username)
            }
            try db.execute(
                sql: """
                    INSERT INTO accounts (id, username, display_name, role, jurisdiction_id, jurisdiction_path, password_hash, disabled, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    a.id, a.username, a.displayName, a.role.rawValue, a.jurisdictionID, a.jurisdictionPath, a.passwordHash, a.disabled,
                    a.createdAt.milliseconds,
                ])
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func account(id: String) async throws -> StaffAccount? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id]).map(Self.account) }
    }

    public func account(username: String) async throws -> StaffAccount? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE username = ?", arguments: [username]).map(Self.account) }
    }

    public func accounts() async throws -> [StaffAccount] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY username").map(Self.account) }
    }

    public func accounts(within area: AreaPath) async throws -> [StaffAccount] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM accounts WHERE jurisdiction_path >= ? AND jurisdiction_path < ? ORDER BY username",
                arguments: [area.lowerBound, area.upperBound]
            ).map(Self.account)
        }
    }

    public func createToken(_ t: APIToken, audit: AuditEvent?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (token_hash, account_id, label, created_at, revoked) VALUES (?, ?, ?, ?, ?)",
                arguments: [t.tokenHash, t.accountID, t.label, t.createdAt.milliseconds, t.revoked])
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func account(tokenHash: Data) async throws -> StaffAccount? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT a.* FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ? AND t.revoked = 0 AND a.disabled = 0",
                arguments: [tokenHash]
            ).map(Self.account)
        }
    }

    public func createSession(_ s: Session, audit: AuditEvent?) async throws {
        try await pool.write { db in
            // Sign-ins are rare next to requests: a good moment to forget expired sessions and codes.
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [s.createdAt.milliseconds])
            try db.execute(sql: "DELETE FROM one_time_codes WHERE expires_at < ?", arguments: [s.createdAt.milliseconds])
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, subject, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [s.tokenHash, s.subject.storageKey, s.createdAt.milliseconds, s.expiresAt.milliseconds])
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func session(tokenHash: Data) async throws -> Session? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE token_hash = ?", arguments: [tokenHash]),
                let subject = Session.Subject(storageKey: row["subject"])
            else { return nil }
            return Session(
                tokenHash: row["token_hash"], subject: subject, createdAt: Date(milliseconds: row["created_at"]),
                expiresAt: Date(milliseconds: row["expires_at"]))
        }
    }

    public func deleteSession(tokenHash: Data, audit: AuditEvent?) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func issueOneTimeCode(_ code: OneTimeCode, message: OutboxMessage, throttleBefore: Date) async throws -> Bool {
        try await pool.write { db in
            let pendingSince = try Int64.fetchOne(db, sql: "SELECT issued_at FROM one_time_codes WHERE phone_index = ?", arguments: [code.phoneIndex])
            if let pendingSince, pendingSince > throttleBefore.milliseconds { return false }
            try db.execute(
                sql: """
                    INSERT INTO one_time_codes (phone_index, code_hash, resident_id, issued_at, expires_at, attempts_left) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(phone_index) DO UPDATE SET code_hash = excluded.code_hash, resident_id = excluded.resident_id,
                        issued_at = excluded.issued_at, expires_at = excluded.expires_at, attempts_left = excluded.attempts_left
                    """,
                arguments: [code.phoneIndex, code.codeHash, code.residentID, code.issuedAt.milliseconds, code.expiresAt.milliseconds, code.attemptsLeft])
            try self.enqueue(message, in: db)
            return true
        }
    }

    public func redeemOneTimeCode(phoneIndex: Data, codeHash: Data, now: Date) async throws -> OneTimeCodeOutcome {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM one_time_codes WHERE phone_index = ?", arguments: [phoneIndex]) else {
                return .expiredOrUnknown
            }
            let expiresAt: Int64 = row["expires_at"]
            let attemptsLeft: Int = row["attempts_left"]
            if expiresAt < now.milliseconds || attemptsLeft <= 0 {
                try db.execute(sql: "DELETE FROM one_time_codes WHERE phone_index = ?", arguments: [phoneIndex])
                return .expiredOrUnknown
            }
            if (row["code_hash"] as Data) == codeHash {
                try db.execute(sql: "DELETE FROM one_time_codes WHERE phone_index = ?", arguments: [phoneIndex])
                return .accepted(residentID: row["resident_id"])
            }
            try db.execute(sql: "UPDATE one_time_codes SET attempts_left = attempts_left - 1 WHERE phone_index = ?", arguments: [phoneIndex])
            return .wrongCode(attemptsLeft: attemptsLeft - 1)
        }
    }

    static func account(_ row: Row) -> StaffAccount {
        StaffAccount(
            id: row["id"], username: row["username"], displayName: row["display_name"], role: Role(rawValue: row["role"]) ?? .resident,
            jurisdictionID: row["jurisdiction_id"], jurisdictionPath: row["jurisdiction_path"], passwordHash: row["password_hash"],
            disabled: row["disabled"], createdAt: Date(milliseconds: row["created_at"]))
    }
}
