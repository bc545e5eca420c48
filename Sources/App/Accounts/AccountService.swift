import Domain
import Foundation
import HummingbirdBcrypt
import NIOPosix
import Privacy

/// Staff accounts, sign-in for staff (password) and residents (SMS code), sessions and tokens.
/// Every sign-in, failed or not, is audited.
public struct AccountService: Sendable {
    let store: any CordonStore
    let vault: PersonalDataVault
    let settings: CordonSettings
    let sms: SMSComposer
    let tokens: TokenCache
    let clock: WallClock

    public enum SignInError: Error, Equatable, CustomStringConvertible {
        case wrongCredentials
        case roleWithoutPassword
        case jurisdictionMissing(String)
        case tooManyAttempts
        /// A sign-in limit is used up (`SignInLimits`): nothing more is tried until `until`.
        case throttled(until: Date)
        /// The half-finished sign-in (password given, second factor not) is unknown or over.
        case secondFactorExpired

        public var description: String {
            switch self {
            case .wrongCredentials: "wrong user name or password"
            case .roleWithoutPassword: "this account signs in with a token, not a password"
            case .jurisdictionMissing(let id): "jurisdiction area \(id) does not exist"
            case .tooManyAttempts: "too many wrong codes: ask for a new one"
            case .throttled(let until): "too many attempts: try again after \(Timestamp.format(until))"
            case .secondFactorExpired: "the sign-in took too long: give your password again"
            }
        }
    }

    /// Creates a staff account bound to an existing area; the password is stored as a bcrypt hash.
    @discardableResult
    /// A password's bcrypt hash at the configured cost (the demo's enterprise account).
    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: settings.bcryptCost) }

    public func createStaff(
        username: String, displayName: String, role: Role, jurisdictionID: String, password: String?, workPhone: String? = nil, actor: String
    ) async throws
        -> StaffAccount
    {
        guard let area = try await store.area(id: jurisdictionID) else { throw SignInError.jurisdictionMissing(jurisdictionID) }
        let cost = settings.bcryptCost
        let hash = password.map { Bcrypt.hash($0, cost: cost) }
        let account = StaffAccount(
            id: "acct-" + username, username: username, displayName: displayName, role: role, jurisdictionID: area.id,
            jurisdictionPath: area.path, passwordHash: hash, createdAt: clock.now(), workPhone: workPhone)
        try await store.createAccount(
            account, audit: clock.event(actor, .accountCreate, kind: "account", id: account.id, detail: "\(role.rawValue) for \(area.id)"))
        // The assignment history starts with the account (reassignments add to it, see AssignmentService).
        try await store.assign(
            Assignment(accountID: account.id, areaID: area.id, from: account.createdAt, by: actor), areaPath: area.path,
            audit: clock.event(actor, .accountAssign, kind: "account", id: account.id, detail: "→ \(area.id)"))
        return account
    }

    /// Creates a bearer token for an account and returns the secret, which is not stored.
    /// `scopes`: the import kinds the token may send (nil: whatever the account's role may).
    /// `areaID`: an area within the account's jurisdiction the token is limited to.
    public func createToken(for account: StaffAccount, label: String, scopes: Set<String>? = nil, areaID: String? = nil, actor: String) async throws -> String {
        var areaPath: String? = nil
        if let areaID {
            guard let area = try await store.area(id: areaID) else { throw SignInError.jurisdictionMissing(areaID) }
            guard AreaPath(account.jurisdictionPath).contains(AreaPath(area.path)) else { throw TokenError.areaOutsideJurisdiction(areaID) }
            areaPath = area.path
        }
        let secret = "cdn_" + SecretToken.generate()
        let scopes = scopes.map { Set($0.map(TokenScope.canonical)) }
        let scopeText = (scopes.map { " scopes: " + $0.sorted().joined(separator: ",") } ?? "") + (areaID.map { " area: " + $0 } ?? "")
        try await store.createToken(
            APIToken(tokenHash: SecretToken.hash(secret), accountID: account.id, label: label, createdAt: clock.now(), scopes: scopes, areaPath: areaPath),
            audit: clock.event(actor, .tokenCreate, kind: "account", id: account.id, detail: label + scopeText))
        return secret
    }

    /// Why a token cannot be made as asked.
    public enum TokenError: Error, Equatable, CustomStringConvertible {
        case areaOutsideJurisdiction(String)

        public var description: String {
            switch self {
            case .areaOutsideJurisdiction(let id): "area \(id) lies outside the account's jurisdiction: a token can only narrow it"
            }
        }
    }

    /// What a right password leads to: a session, or first the second factor.
    public enum StaffSignIn: Sendable {
        case signedIn(secret: String, account: StaffAccount)
        /// The role signs in with a second factor: `pendingSecret` names the half-finished sign-in (a
        /// cookie of its own, minutes long) until the code is given.
        case secondFactorNeeded(pendingSecret: String)
    }

    /// How long a half-finished sign-in waits for its second factor.
    static let secondFactorWindow: TimeInterval = 300

    /// Checks a staff password and opens a session; returns the cookie secret. Failures are counted
    /// per account name and per client address (`SignInLimits`): a used-up limit refuses before the
    /// password is even checked. An unknown name costs the same bcrypt work as a known one, so the
    /// answer's timing does not tell which names exist.
    public func signInStaff(username: String, password: String, client: String) async throws -> StaffSignIn {
        let rules = settings.signInLimits.password(account: vault.blindIndex(username.lowercased(), kind: "username").base64EncodedString(), client: clientKey(client))
        if let until = try await store.signInBlocked(at: clock.now(), rules: rules) {
            try await store.appendAudit(clock.event("anonymous", .loginFailed, kind: "account", id: Self.auditName(username), detail: "throttled"))
            throw SignInError.throttled(until: until)
        }
        let account = try await store.account(username: username)
        let hash = account?.passwordHash ?? Self.dummyHash
        // bcrypt is slow by design: on NIO's thread pool, not the cooperative pool that serves scans.
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard let account, !account.disabled, account.passwordHash != nil, matches else {
            try await store.recordSignInFailure(at: clock.now(), rules: rules)
            // An existing account is named (its name is no secret); anything else typed is masked.
            try await store.appendAudit(
                clock.event("anonymous", .loginFailed, kind: "account", id: account?.username ?? Self.auditName(username), detail: client))
            throw SignInError.wrongCredentials
        }
        if settings.secondFactorRoles.contains(account.role) {
            let pending = SecretToken.generate()
            let now = clock.now()
            try await store.createSession(
                Session(
                    tokenHash: SecretToken.hash(pending), subject: .secondFactor(accountID: account.id), createdAt: now,
                    expiresAt: now.addingTimeInterval(Self.secondFactorWindow)),
                audit: clock.event("staff:\(account.id)", .loginPassword, detail: client))
            return .secondFactorNeeded(pendingSecret: pending)
        }
        let secret = try await openSession(.staff(accountID: account.id), actor: "staff:\(account.id)", client: client)
        return .signedIn(secret: secret, account: account)
    }

    /// The half-finished sign-in behind a pending cookie: its account, and the TOTP to check the
    /// code against — the enrolled one, or for an account without one the secret it is enrolling,
    /// derived from the pending cookie (so nothing is stored until a code confirms it).
    public func secondFactor(pendingSecret: String) async throws -> (account: StaffAccount, totp: TOTP, enrolled: Bool) {
        guard let session = try await store.session(tokenHash: SecretToken.hash(pendingSecret)), session.expiresAt > clock.now(),
            case .secondFactor(let id) = session.subject, let account = try await store.account(id: id), !account.disabled
        else { throw SignInError.secondFactorExpired }
        if let sealed = account.secondFactorSealed {
            guard let secret = Base32.decode(try vault.open(sealed, as: .accountSecondFactor, row: account.id)) else {
                throw VaultError.corruptEnvelope("second factor of \(account.id)")
            }
            return (account, TOTP(secret: secret), true)
        }
        // 128 bits, the least RFC 4226 allows (it recommends 160); keyed, so only this server can derive it.
        return (account, TOTP(secret: Array(vault.blindIndex(pendingSecret, kind: "totp-enrolment"))), false)
    }

    /// Checks the second factor's code and opens the session. Wrong codes count like wrong passwords
    /// (per account and address); a code works once. The first right code enrols the secret.
    public func completeSecondFactor(pendingSecret: String, code: String, client: String) async throws -> (secret: String, account: StaffAccount) {
        let (account, totp, enrolled) = try await secondFactor(pendingSecret: pendingSecret)
        let rules = settings.signInLimits.password(account: vault.blindIndex(account.username.lowercased(), kind: "username").base64EncodedString(), client: clientKey(client))
        if let until = try await store.signInBlocked(at: clock.now(), rules: rules) { throw SignInError.throttled(until: until) }
        // Five codes per half sign-in, counted in one transaction with the check: parallel guesses
        // on one pending cookie cannot slip past the failure count above (a code is cheap to check).
        let perSignIn = [ThrottleRule(key: vault.blindIndex(pendingSecret, kind: "pending-sign-in").base64EncodedString(), kind: "second-factor", limit: 5, window: Self.secondFactorWindow)]
        if let until = try await store.admitSignInAttempt(at: clock.now(), rules: perSignIn) { throw SignInError.throttled(until: until) }
        var accepted = false
        if let step = totp.matchingCounter(code, at: clock.now()) {
            if enrolled {
                accepted = try await store.useSecondFactorStep(accountID: account.id, step: step)
            } else {
                let sealed = try vault.seal(Base32.encode(totp.secret), as: .accountSecondFactor, row: account.id)
                accepted = try await store.enrolSecondFactor(
                    accountID: account.id, sealed: sealed, step: step,
                    audit: clock.event("staff:\(account.id)", .secondFactorEnrol, kind: "account", id: account.id, detail: client))
            }
        }
        guard accepted else {
            try await store.recordSignInFailure(at: clock.now(), rules: rules)
            try await store.appendAudit(clock.event("anonymous", .loginFailed, kind: "account", id: account.username, detail: "second factor from \(client)"))
            throw SignInError.wrongCredentials
        }
        try await store.deleteSession(tokenHash: SecretToken.hash(pendingSecret), audit: nil)
        let secret = try await openSession(.staff(accountID: account.id), actor: "staff:\(account.id)", client: client)
        return (secret, account)
    }

    /// Removes an account's second factor (a lost phone); it enrols a new one at its next sign-in.
    public func resetSecondFactor(username: String, actor: String) async throws {
        guard let account = try await store.account(username: username) else { throw StoreError.notFound(kind: "account", id: username) }
        try await store.resetSecondFactor(accountID: account.id, audit: clock.event(actor, .secondFactorReset, kind: "account", id: account.id))
    }

    /// A user name as the audit log keeps a failed sign-in: what was typed may be a password typed
    /// into the wrong field, so only a short, masked form of it.
    static func auditName(_ typed: String) -> String {
        let name = typed.trimmingCharacters(in: .whitespaces)
        guard name.count > 2 else { return "***" }
        return String(name.prefix(2)) + String(repeating: "*", count: min(8, name.count - 2))
    }

    /// Verified when the user name is unknown, so that answer takes as long as a wrong password
    /// (bcrypt of a random password at cost 12, made once).
    static let dummyHash = Bcrypt.hash(SecretToken.generate(), cost: 12)

    /// Sends a sign-in code to a resident's phone through the outbox. Answers the same whether or
    /// not the number is known, so the form cannot be used to find out who lives here: the limits
    /// are counted (and refuse) for unknown numbers exactly as for known ones.
    public func requestResidentCode(phone raw: String, client: String) async throws {
        let phone = try PhoneNumber.normalize(raw)
        let index = vault.blindIndex(phone, kind: "phone")
        let rules = settings.signInLimits.codeRequest(phone: index.base64EncodedString(), client: clientKey(client))
        // Attempts older than the longest window (a day) count for nothing: forget them as we go.
        try await store.purgeSignInAttempts(before: clock.now().addingTimeInterval(-86_400))
        if let until = try await store.admitSignInAttempt(at: clock.now(), rules: rules) { throw SignInError.throttled(until: until) }
        guard let resident = try await store.residents(phoneIndex: index).first else { return }
        let code = SecretToken.sixDigitCode()
        let now = clock.now()
        let message = try sms.sms(to: phone, .signInCode, ["code": code])
        // One code a minute per phone: the form must not become a way to flood someone with SMS.
        try await store.issueOneTimeCode(
            OneTimeCode(
                phoneIndex: index, codeHash: codeHash(code, phoneIndex: index), residentID: resident.id, issuedAt: now,
                expiresAt: now.addingTimeInterval(300), attemptsLeft: 5),
            message: message, throttleBefore: now.addingTimeInterval(-60))
    }

    /// Sends a code to any phone for an application (申领): the phone is proved by the code, not by
    /// the register. The same limits as sign-in codes (per phone and per client).
    public func requestApplicationCode(phone raw: String, client: String) async throws {
        let phone = try PhoneNumber.normalize(raw)
        let index = vault.blindIndex(phone, kind: "phone")
        let rules = settings.signInLimits.codeRequest(phone: index.base64EncodedString(), client: clientKey(client))
        try await store.purgeSignInAttempts(before: clock.now().addingTimeInterval(-86_400))
        if let until = try await store.admitSignInAttempt(at: clock.now(), rules: rules) { throw SignInError.throttled(until: until) }
        let code = SecretToken.sixDigitCode()
        let now = clock.now()
        let message = try sms.sms(to: phone, .signInCode, ["code": code])
        try await store.issueOneTimeCode(
            OneTimeCode(
                phoneIndex: index, codeHash: codeHash(code, phoneIndex: index), residentID: "", issuedAt: now, expiresAt: now.addingTimeInterval(600),
                attemptsLeft: 5),
            message: message, throttleBefore: now.addingTimeInterval(-60))
    }

    /// Checks a code sent to a phone (consumed on a match); every guess counts against the limits.
    public func verifyPhone(_ raw: String, code: String, client: String) async throws {
        let phone = try PhoneNumber.normalize(raw)
        let index = vault.blindIndex(phone, kind: "phone")
        let rules = settings.signInLimits.guess(phone: index.base64EncodedString(), client: clientKey(client))
        if let until = try await store.admitSignInAttempt(at: clock.now(), rules: rules) { throw SignInError.throttled(until: until) }
        switch try await store.redeemOneTimeCode(phoneIndex: index, codeHash: codeHash(code, phoneIndex: index), now: clock.now()) {
        case .accepted: return
        case .wrongCode(let left):
            try await store.appendAudit(clock.event("anonymous", .loginFailed, kind: "phone", id: Masking.phone(phone), detail: "application from \(client)"))
            throw left > 0 ? SignInError.wrongCredentials : SignInError.tooManyAttempts
        case .expiredOrUnknown:
            throw SignInError.wrongCredentials
        }
    }

    /// A session for a resident whose phone was just proved (an application): returns the cookie secret.
    public func openResidentSession(_ residentID: String, client: String) async throws -> String {
        try await openSession(.resident(residentID: residentID), actor: "resident:\(residentID)", client: client)
    }

    /// Checks a resident's code and opens a session.
    public func signInResident(phone raw: String, code: String, client: String) async throws -> (secret: String, residentID: String) {
        let phone = try PhoneNumber.normalize(raw)
        let index = vault.blindIndex(phone, kind: "phone")
        // Every guess counts, right or wrong, whatever code is pending: a new code buys no new guesses.
        let rules = settings.signInLimits.guess(phone: index.base64EncodedString(), client: clientKey(client))
        if let until = try await store.admitSignInAttempt(at: clock.now(), rules: rules) {
            try await store.appendAudit(clock.event("anonymous", .loginFailed, kind: "phone", id: Masking.phone(phone), detail: "throttled"))
            throw SignInError.throttled(until: until)
        }
        switch try await store.redeemOneTimeCode(phoneIndex: index, codeHash: codeHash(code, phoneIndex: index), now: clock.now()) {
        case .accepted(let residentID):
            let secret = try await openSession(.resident(residentID: residentID), actor: "resident:\(residentID)", client: client)
            return (secret, residentID)
        case .wrongCode(let left):
            try await store.appendAudit(clock.event("anonymous", .loginFailed, kind: "phone", id: Masking.phone(phone), detail: client))
            throw left > 0 ? SignInError.wrongCredentials : SignInError.tooManyAttempts
        case .expiredOrUnknown:
            try await store.appendAudit(clock.event("anonymous", .loginFailed, kind: "phone", id: Masking.phone(phone), detail: client))
            throw SignInError.wrongCredentials
        }
    }

    /// The principal behind a session cookie, or nil when unknown or expired.
    public func principal(sessionSecret: String) async throws -> Principal? {
        guard let session = try await store.session(tokenHash: SecretToken.hash(sessionSecret)), session.expiresAt > clock.now() else {
            return nil
        }
        return try await principal(for: session.subject)
    }

    /// The principal behind a bearer token.
    public func principal(bearer: String) async throws -> Principal? {
        try await tokens.principal(tokenHash: SecretToken.hash(bearer)) { hash in
            guard let (account, token) = try await store.tokenAccount(tokenHash: hash), !account.disabled, token.isActive(at: clock.now()) else { return nil }
            // Read at most every 30 s per token (the cache): "last used" is that precise.
            try await store.tokenUsed(tokenHash: hash, at: clock.now())
            var principal = Principal(staff: account)
            principal.tokenScopes = token.permissions
            if let area = token.areaPath {
                // The token's area narrows the account's jurisdiction, for reads and imports alike;
                // an account moved since to another area no longer holds it, and the token stops.
                guard AreaPath(account.jurisdictionPath).contains(AreaPath(area)) else { return nil }
                principal.jurisdiction = AreaPath(area)
                principal.jurisdictionID = area.split(separator: "/").last.map(String.init)
            }
            return principal
        }
    }

    public func signOut(sessionSecret: String, actor: String) async throws {
        try await store.deleteSession(tokenHash: SecretToken.hash(sessionSecret), audit: clock.event(actor, .logout))
    }

    func principal(for subject: Session.Subject) async throws -> Principal? {
        switch subject {
        case .staff(let id):
            guard let account = try await store.account(id: id), !account.disabled else { return nil }
            var principal = Principal(staff: account)
            principal.mustChangePassword = account.mustChangePassword
            return principal
        case .secondFactor:
            // Half signed in: nothing is open to it but the second-factor form.
            return nil
        case .resident(let id):
            guard let resident = try await store.resident(id: id) else { return nil }
            let dependants = try await store.dependants(ofProxy: id)
            return Principal(subject: subject, role: dependants.isEmpty ? .resident : .proxy, displayName: Masking.name(resident.name), dependants: dependants)
        }
    }

    private func openSession(_ subject: Session.Subject, actor: String, client: String) async throws -> String {
        let secret = SecretToken.generate()
        let now = clock.now()
        try await store.createSession(
            Session(tokenHash: SecretToken.hash(secret), subject: subject, createdAt: now, expiresAt: now.addingTimeInterval(settings.sessionLifetime)),
            audit: clock.event(actor, .login, detail: client))
        return secret
    }

    /// A client address as the attempts table keeps it: keyed, like every personal look-up key.
    private func clientKey(_ client: String) -> String {
        vault.blindIndex(client, kind: "client").base64EncodedString()
    }

    /// Keyed, so a copy of the database cannot brute-force the six digits offline.
    private func codeHash(_ code: String, phoneIndex: Data) -> Data {
        vault.blindIndex(code.trimmingCharacters(in: .whitespaces) + ":" + phoneIndex.base64EncodedString(), kind: "sign-in-code")
    }
}
