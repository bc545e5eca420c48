import Foundation

/// Staff accounts, API tokens, browser sessions and SMS sign-in codes.
public protocol AccountRepository: Sendable {
    /// Creates an account; fails with `StoreError.duplicate` if the username exists.
    func createAccount(_ account: StaffAccount, audit: AuditEvent?) async throws
    func account(id: String) async throws -> StaffAccount?
    func account(username: String) async throws -> StaffAccount?
    func accounts() async throws -> [StaffAccount]
    /// The accounts of one role that are not disabled (whom a rule tells, such as the command centre).
    func activeAccounts(role: Role) async throws -> [StaffAccount]
    /// Staff whose jurisdiction lies within `area`, by user name.
    func accounts(within area: AreaPath) async throws -> [StaffAccount]

    /// Staff within `area` (their jurisdiction's path), optionally only those whose user name or
    /// display name contains `matching`, ordered by area and user name, one page and the count.
    func accountPage(within area: AreaPath, matching: String?, page: PageRequest) async throws -> ListPage<StaffAccount>
    /// Writes an account's name, role, jurisdiction, work phone and disabled flag. Disabling it also
    /// ends its browser sessions (its tokens stop with it: they sign in only for enabled accounts).
    func updateAccount(_ account: StaffAccount, audit: AuditEvent?) async throws
    /// Replaces an account's password hash; `mustChange` for a one-time password. `endSessions`
    /// signs the account out everywhere (a reset: whoever knew the old password is out).
    func setPassword(accountID: String, hash: String, mustChange: Bool, endSessions: Bool, audit: AuditEvent?) async throws

    func createToken(_ token: APIToken, audit: AuditEvent?) async throws
    /// Revokes one token by its hash; false when it is not the account's or already revoked.
    func revokeToken(accountID: String, tokenHash: Data, audit: AuditEvent?) async throws -> Bool
    /// Records that a token signed a request in (at most once a minute per token: the cache).
    func tokenUsed(tokenHash: Data, at: Date) async throws
    /// The token and its account when the token exists and is not revoked.
    func account(tokenHash: Data) async throws -> StaffAccount?
    /// The same with the token itself (its scopes).
    func tokenAccount(tokenHash: Data) async throws -> (account: StaffAccount, token: APIToken)?
    /// An account's tokens (revoked ones too), newest first; never the secrets, which are not stored.
    func tokens(accountID: String) async throws -> [APIToken]
    /// Revokes an account's tokens with this label; returns how many.
    func revokeTokens(accountID: String, label: String, audit: AuditEvent?) async throws -> Int

    /// Stores an account's sealed TOTP secret, only if it has none (a half-signed-in browser cannot
    /// replace an enrolled factor); `step` is the step of the code that confirmed it. False when one was there.
    func enrolSecondFactor(accountID: String, sealed: Data, step: Int64, audit: AuditEvent?) async throws -> Bool
    /// Records a TOTP step as used if it is later than the last one: false when it is not (a code
    /// replayed, or one older than the last used), so every code works once.
    func useSecondFactorStep(accountID: String, step: Int64) async throws -> Bool
    /// Removes an account's second factor (a lost phone): it enrols again at its next sign-in.
    func resetSecondFactor(accountID: String, audit: AuditEvent?) async throws

    func createSession(_ session: Session, audit: AuditEvent?) async throws
    func session(tokenHash: Data) async throws -> Session?
    func deleteSession(tokenHash: Data, audit: AuditEvent?) async throws

    /// Replaces any pending code for this phone and queues the SMS that carries it, in one
    /// transaction; returns false and sends nothing when the pending code was issued after
    /// `throttleBefore`, so the form cannot be used to flood a phone with messages.
    @discardableResult
    func issueOneTimeCode(_ code: OneTimeCode, message: OutboxMessage, throttleBefore: Date) async throws -> Bool
    /// Checks a code: on a match the code is consumed; on a mismatch one attempt is used up.
    func redeemOneTimeCode(phoneIndex: Data, codeHash: Data, now: Date) async throws -> OneTimeCodeOutcome
    /// Counts an attempt against every rule in one transaction, unless one of them is already used
    /// up: then nothing is recorded and the answer is when that rule allows the next attempt.
    func admitSignInAttempt(at now: Date, rules: [ThrottleRule]) async throws -> Date?
    /// When the attempts so far already use up one of the rules: the time it frees again; nil when
    /// none is used up. Records nothing (staff passwords count only failures, with `recordSignInFailure`).
    func signInBlocked(at now: Date, rules: [ThrottleRule]) async throws -> Date?
    /// Counts one failure against every rule.
    func recordSignInFailure(at now: Date, rules: [ThrottleRule]) async throws
    /// Forgets attempts older than `before` (the longest window); returns how many.
    @discardableResult func purgeSignInAttempts(before: Date) async throws -> Int
}

/// What happened to a submitted sign-in code.
public enum OneTimeCodeOutcome: Sendable, Equatable {
    case accepted(residentID: String)
    case wrongCode(attemptsLeft: Int)
    case expiredOrUnknown
}
