import Domain
import Foundation
import HummingbirdBcrypt
import NIOPosix
import Privacy

/// Staff accounts, managed by officers for the areas below them and by administrators: create
/// (with a one-time password shown once), change, disable, reset a password. Who may manage whom
/// is `StaffRules`; every change is audited in the transaction that makes it.
public struct StaffAdministration: Sendable {
    let store: any AccountRepository & AreaRepository & GridRepository & AuditLogRepository
    let clock: WallClock
    let directory: PersonDirectory
    /// The bcrypt cost of passwords people choose; one-time passwords are random (74 bits) and
    /// are replaced at the first sign-in, so they need less stretching: at most cost 8 (a bulk
    /// import of 2,000 grid workers took 49 s on 2 cores, one at a time; at cost 12 it would take
    /// about 16 times as long).
    let bcryptCost: UInt8

    /// An account as a form or a CSV line gives it.
    public struct StaffDraft: Sendable, Equatable {
        public var username: String
        public var displayName: String
        /// A role name of DESIGN §2 in kebab case (`grid-worker`).
        public var role: String
        /// An area id, or the exact name of one area within the actor's jurisdiction.
        public var area: String
        public var phone: String?

        public init(username: String, displayName: String, role: String, area: String, phone: String? = nil) {
            (self.username, self.displayName, self.role, self.area, self.phone) = (username, displayName, role, area, phone)
        }
    }

    /// An account with the one-time password that opens it (shown once, never stored).
    public struct Issued: Sendable {
        public var account: StaffAccount
        public var password: String
    }

    /// The first administrator of a store (from the command line: no one can sign in yet), bound
    /// to the city at the root of the area tree.
    public func createAdmin(username: String, displayName: String?, as actor: Principal) async throws -> Issued {
        let roots = try await store.children(of: nil)
        guard roots.count == 1, let city = roots.first else {
            throw StaffProblem.unknownArea(roots.isEmpty ? "(none: import the areas first, `cordon import areas FILE`)" : "(several roots)")
        }
        return try await create(StaffDraft(username: username, displayName: displayName ?? username, role: Role.admin.rawValue, area: city.id), as: actor)
    }

    /// Creates an account with a one-time password, changed at its first sign-in.
    public func create(_ draft: StaffDraft, as actor: Principal) async throws -> Issued {
        try await directory.authorize(actor, .manageStaff, kind: "account", id: draft.username)
        let (role, area, phone) = try await check(draft, as: actor)
        guard try await store.account(username: draft.username) == nil else { throw StaffProblem.usernameTaken(draft.username) }
        let password = SecretToken.oneTimePassword()
        let account = StaffAccount(
            id: "acct-" + draft.username, username: draft.username, displayName: draft.displayName.trimmingCharacters(in: .whitespaces), role: role,
            jurisdictionID: area.id, jurisdictionPath: area.path, passwordHash: try await oneTimeHash(password), createdAt: clock.now(),
            mustChangePassword: true, workPhone: phone)
        do {
            try await store.createAccount(
                account, audit: clock.event(actor.auditName, .accountCreate, kind: "account", id: account.id, detail: "\(role.rawValue) for \(area.id)"))
        } catch StoreError.duplicate {
            throw StaffProblem.usernameTaken(draft.username)
        }
        try await store.assign(
            Assignment(accountID: account.id, areaID: area.id, from: account.createdAt, by: actor.auditName), areaPath: area.path,
            audit: clock.event(actor.auditName, .accountAssign, kind: "account", id: account.id, detail: "→ \(area.id)"))
        return Issued(account: account, password: password)
    }

    /// The manager account of an enterprise the district approves (stored with the decision, in its
    /// transaction): bound to the enterprise and its area, with a one-time password shown once.
    func enterpriseManager(for enterprise: Enterprise) async throws -> Issued {
        let password = SecretToken.oneTimePassword()
        let username = "ent-" + enterprise.creditCode.lowercased()
        let account = StaffAccount(
            id: "acct-" + username, username: username, displayName: enterprise.contactName, role: .enterpriseManager, jurisdictionID: enterprise.areaID,
            jurisdictionPath: enterprise.areaPath, passwordHash: try await oneTimeHash(password), createdAt: clock.now(), mustChangePassword: true,
            workPhone: enterprise.contactPhone, enterpriseID: enterprise.id)
        return Issued(account: account, password: password)
    }

    /// A pharmacy's account: bound to the pharmacy and its area, with a one-time password shown once.
    func pharmacist(username: String, displayName: String, pharmacy: Place, area: Area) async throws -> Issued {
        let password = SecretToken.oneTimePassword()
        var account = StaffAccount(
            id: "acct-" + username, username: username, displayName: displayName, role: .pharmacist, jurisdictionID: area.id, jurisdictionPath: area.path,
            passwordHash: try await oneTimeHash(password), createdAt: clock.now(), mustChangePassword: true)
        account.pharmacyID = pharmacy.id
        return Issued(account: account, password: password)
    }

    /// Changes an account's name, role, area and work phone; a move is added to its assignment
    /// history. Both what it was and what it becomes must be the actor's to manage.
    @discardableResult
    public func update(username: String, to draft: StaffDraft, as actor: Principal) async throws -> StaffAccount {
        let current = try await managed(username, as: actor)
        let (role, area, phone) = try await check(draft, as: actor)
        if current.id == actorAccountID(actor), role != current.role || area.id != current.jurisdictionID { throw StaffProblem.refused(.ownAccount) }
        var account = current
        account.displayName = draft.displayName.trimmingCharacters(in: .whitespaces)
        account.role = role
        account.jurisdictionID = area.id
        account.jurisdictionPath = area.path
        account.workPhone = phone
        guard account != current else { return current }
        try await store.updateAccount(account, audit: clock.event(actor.auditName, .accountUpdate, kind: "account", id: account.id, detail: changes(current, account)))
        if area.id != current.jurisdictionID {
            try await store.assign(
                Assignment(accountID: account.id, areaID: area.id, from: clock.now(), by: actor.auditName), areaPath: area.path,
                audit: clock.event(actor.auditName, .accountAssign, kind: "account", id: account.id, detail: "\(current.jurisdictionID) → \(area.id)"))
        }
        return account
    }

    /// Disables an account (its sessions end, its tokens stop within the token cache's 30 s) or
    /// enables it again.
    public func setDisabled(username: String, _ disabled: Bool, as actor: Principal) async throws {
        var account = try await managed(username, as: actor)
        if account.id == actorAccountID(actor) { throw StaffProblem.refused(.ownAccount) }
        guard account.disabled != disabled else { return }
        account.disabled = disabled
        try await store.updateAccount(account, audit: clock.event(actor.auditName, disabled ? .accountDisable : .accountEnable, kind: "account", id: account.id))
    }

    /// A new one-time password (shown once); the account is signed out everywhere and must choose
    /// its own at the next sign-in. Its second factor stays (a separate reset).
    public func resetPassword(username: String, as actor: Principal) async throws -> String {
        let account = try await managed(username, as: actor)
        if account.id == actorAccountID(actor) { throw StaffProblem.refused(.ownAccount) }
        let password = SecretToken.oneTimePassword()
        try await store.setPassword(
            accountID: account.id, hash: try await oneTimeHash(password), mustChange: true, endSessions: true,
            audit: clock.event(actor.auditName, .accountPasswordReset, kind: "account", id: account.id))
        return password
    }

    /// The signed-in staff member chooses their own password (required after a one-time one).
    public func changePassword(accountID: String, current: String, new: String, confirm: String) async throws {
        guard let account = try await store.account(id: accountID), !account.disabled, let hash = account.passwordHash else {
            throw StaffProblem.noSuchAccount(accountID)
        }
        guard try await NIOThreadPool.singleton.runIfActive({ Bcrypt.verify(current, hash: hash) }) else { throw StaffProblem.wrongCurrentPassword }
        guard new.count >= StaffProblem.minimumPasswordLength else { throw StaffProblem.passwordTooShort }
        guard new.lowercased() != account.username.lowercased() else { throw StaffProblem.passwordIsUsername }
        guard new != current else { throw StaffProblem.passwordUnchanged }
        guard new == confirm else { throw StaffProblem.passwordsDiffer }
        let cost = bcryptCost
        let newHash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(new, cost: cost) }
        try await store.setPassword(
            accountID: account.id, hash: newHash, mustChange: false, endSessions: false,
            audit: clock.event("staff:\(account.id)", .accountPasswordChange, kind: "account", id: account.id))
    }

    /// The accounts within the actor's jurisdiction, by area and user name, one page.
    public func list(as actor: Principal, matching: String?, page: PageRequest) async throws -> ListPage<StaffAccount> {
        try await directory.authorize(actor, .manageStaff, kind: "account", id: "list")
        guard let root = actor.jurisdiction else { return ListPage(items: [], total: 0, request: page) }
        return try await store.accountPage(within: root, matching: matching?.trimmingCharacters(in: .whitespaces), page: page)
    }

    /// An account the actor may manage (its role beneath theirs, its area below theirs); a refusal otherwise.
    public func managed(_ username: String, as actor: Principal) async throws -> StaffAccount {
        try await directory.authorize(actor, .manageStaff, kind: "account", id: username)
        guard let account = try await store.account(username: username) else { throw StaffProblem.noSuchAccount(username) }
        guard let area = try await store.area(id: account.jurisdictionID) else { throw StaffProblem.unknownArea(account.jurisdictionID) }
        // The actor's own account is shown to them (its name, its phone), never raised by them.
        if account.id == actorAccountID(actor) { return account }
        do {
            try StaffRules.check(actor, role: account.role, areaID: area.id, path: AreaPath(area.path), level: area.level)
        } catch {
            try await store.appendAudit(clock.event(actor.auditName, .accessDenied, kind: "account", id: account.id, detail: error.description))
            throw StaffProblem.refused(error)
        }
        return account
    }

    /// The signed-in staff member's user name (the password form names it for password managers).
    public func username(of principal: Principal) async throws -> String? {
        guard case .staff(let id) = principal.subject else { return nil }
        return try await store.account(id: id)?.username
    }

    /// Whether `actor` may open and change `account` (for a list's links; `managed` is the check that counts).
    public func mayManage(_ account: StaffAccount, as actor: Principal) async throws -> Bool {
        if account.id == actorAccountID(actor) { return true }
        guard AccessPolicy.may(actor, .manageStaff), let area = try await store.area(id: account.jurisdictionID) else { return false }
        do {
            try StaffRules.check(actor, role: account.role, areaID: area.id, path: AreaPath(area.path), level: area.level)
            return true
        } catch {
            return false
        }
    }

    /// Validates a draft and resolves its role, area and phone; refuses what the actor may not hand out.
    func check(_ draft: StaffDraft, as actor: Principal) async throws -> (Role, Area, String?) {
        guard Self.isUsername(draft.username) else { throw StaffProblem.invalidUsername(draft.username) }
        guard !draft.displayName.trimmingCharacters(in: .whitespaces).isEmpty else { throw StaffProblem.missingDisplayName }
        guard let role = Role(rawValue: draft.role.trimmingCharacters(in: .whitespaces)), role.isStaff else { throw StaffProblem.unknownRole(draft.role) }
        let area = try await resolveArea(draft.area, for: actor)
        var phone: String? = nil
        if let typed = draft.phone?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
            do { phone = try PhoneNumber.normalize(typed) } catch { throw StaffProblem.badPhone(typed) }
        }
        do {
            try StaffRules.check(actor, role: role, areaID: area.id, path: AreaPath(area.path), level: area.level)
        } catch {
            try await store.appendAudit(clock.event(actor.auditName, .accessDenied, kind: "account", id: draft.username, detail: error.description))
            throw StaffProblem.refused(error)
        }
        return (role, area, phone)
    }

    /// An area by id, or by its exact name when that names one area of the actor's jurisdiction.
    func resolveArea(_ typed: String, for actor: Principal) async throws -> Area {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if let area = try await store.area(id: text) { return area }
        guard !text.isEmpty, let root = actor.jurisdiction else { throw StaffProblem.unknownArea(text) }
        let named = try await store.areas(named: text, within: root, limit: 20).filter { $0.name == text }
        guard named.count == 1, let only = named.first else { throw StaffProblem.unknownArea(text) }
        return only
    }

    /// `grid-07.wang`: what a user name may look like (what people type at sign-in, and what audit lines name).
    static func isUsername(_ s: String) -> Bool {
        guard (3...64).contains(s.count), let first = s.unicodeScalars.first, isLowerAlnum(first) else { return false }
        return s.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isLowerAlnum(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }

    private func oneTimeHash(_ password: String) async throws -> String {
        let cost = min(bcryptCost, 8)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    private func actorAccountID(_ actor: Principal) -> String? {
        guard actor.commandLineUser == nil, case .staff(let id) = actor.subject else { return nil }
        return id
    }

    /// `role grid-worker → community-officer; area G1 → C1` for the audit line.
    private func changes(_ a: StaffAccount, _ b: StaffAccount) -> String {
        var parts: [String] = []
        if a.displayName != b.displayName { parts.append("name") }
        if a.role != b.role { parts.append("role \(a.role.rawValue) → \(b.role.rawValue)") }
        if a.jurisdictionID != b.jurisdictionID { parts.append("area \(a.jurisdictionID) → \(b.jurisdictionID)") }
        if a.workPhone != b.workPhone { parts.append("work phone") }
        return parts.joined(separator: "; ")
    }
}
