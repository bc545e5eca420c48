import Domain
import Foundation
import Privacy

/// API tokens for feeds and API clients (DESIGN §5): created and shown once (the store keeps the
/// hash), listed with label, scopes and last use, revoked, expiring. Scopes only narrow the
/// account's role: a token can never do what its account may not.
extension StaffAdministration {
    /// A token just made: the secret (shown once) and what it may do.
    public struct IssuedToken: Sendable {
        public var secret: String
        public var token: APIToken
        public var account: StaffAccount
    }

    /// The roles a service account for scopes is given, smallest reach first: the token's account
    /// is the least powerful role that holds every scope.
    static let serviceRoles: [Role] = [.checkpointOperator, .dataFeed, .epidemiologist, .commandCentre]

    /// Creates a token for `username`'s account, or (nil) for a service account named after the
    /// label (`svc-LABEL`, created if missing, with the least role that holds the scopes).
    /// `scopes`: names as typed (`ingest:labs`, `scan`, `read`, `labs`); empty: the role's.
    public func createToken(
        username: String?, label: String, scopes typed: [String], areaID: String?, expiresInDays: Int?, as actor: Principal
    ) async throws -> IssuedToken {
        try await directory.authorize(actor, .administer, kind: "token", id: label)
        let label = label.trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty else { throw StaffProblem.emptyLabel }
        let names = TokenScope.names(typed).map(TokenScope.canonical)
        var wanted = Set<Permission>()
        for name in names {
            guard let permissions = TokenScope.permissions(name) else { throw StaffProblem.unknownScope(name) }
            wanted.formUnion(permissions)
        }
        if let days = expiresInDays, !(1...3650).contains(days) { throw StaffProblem.badExpiry(String(days)) }
        let account: StaffAccount
        if let username {
            guard let found = try await store.account(username: username) else { throw StaffProblem.noSuchAccount(username) }
            account = found
        } else {
            guard !names.isEmpty else { throw StaffProblem.scopeNeeded }
            account = try await serviceAccount(label: label, holding: wanted, names: names, as: actor)
        }
        let granted = AccessPolicy.grants[account.role, default: []]
        for name in names where !(TokenScope.permissions(name) ?? []).isSubset(of: granted) {
            throw StaffProblem.scopeBeyondRole(scope: name, role: account.role)
        }
        var areaPath: String? = nil
        if let areaID {
            guard let area = try await store.area(id: areaID) else { throw StaffProblem.unknownArea(areaID) }
            guard AreaPath(account.jurisdictionPath).contains(AreaPath(area.path)) else { throw StaffProblem.tokenAreaOutside(areaID) }
            areaPath = area.path
        }
        let secret = "cdn_" + SecretToken.generate()
        let now = clock.now()
        let token = APIToken(
            tokenHash: SecretToken.hash(secret), accountID: account.id, label: label, createdAt: now, scopes: names.isEmpty ? nil : Set(names),
            areaPath: areaPath, expiresAt: expiresInDays.map { now.addingTimeInterval(Double($0) * 86_400) })
        let detail = label + (names.isEmpty ? "" : " scopes: " + names.sorted().joined(separator: ",")) + (areaID.map { " area: " + $0 } ?? "")
            + (expiresInDays.map { " expires in \($0) d" } ?? "")
        try await store.createToken(token, audit: clock.event(actor.auditName, .tokenCreate, kind: "account", id: account.id, detail: detail))
        return IssuedToken(secret: secret, token: token, account: account)
    }

    /// An account's tokens, newest first (never the secrets, which are not stored).
    public func tokens(username: String, as actor: Principal) async throws -> (StaffAccount, [APIToken]) {
        try await directory.authorize(actor, .administer, kind: "token", id: username)
        guard let account = try await store.account(username: username) else { throw StaffProblem.noSuchAccount(username) }
        return (account, try await store.tokens(accountID: account.id))
    }

    /// Revokes one token (by its hash in hex, as the token list shows it); it stops within 30 s everywhere.
    public func revokeToken(username: String, hashHex: String, as actor: Principal) async throws {
        try await directory.authorize(actor, .administer, kind: "token", id: username)
        guard let account = try await store.account(username: username) else { throw StaffProblem.noSuchAccount(username) }
        guard let bytes = Hex.decode(hashHex),
            try await store.revokeToken(
                accountID: account.id, tokenHash: Data(bytes), audit: clock.event(actor.auditName, .tokenRevoke, kind: "account", id: account.id, detail: hashHex.prefix(12) + "…"))
        else { throw StaffProblem.noSuchToken }
    }

    /// `svc-LABEL`: the service account a label's tokens belong to, created on first use at the root.
    private func serviceAccount(label: String, holding wanted: Set<Permission>, names: [String], as actor: Principal) async throws -> StaffAccount {
        let slug = String(label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.prefix(48))
        let username = "svc-" + slug
        if let existing = try await store.account(username: username) { return existing }
        guard let role = Self.serviceRoles.first(where: { wanted.isSubset(of: AccessPolicy.grants[$0, default: []]) }) else {
            throw StaffProblem.noRoleHoldsScopes(names)
        }
        let roots = try await store.children(of: nil)
        guard roots.count == 1, let city = roots.first else { throw StaffProblem.unknownArea("(no single root area)") }
        let account = StaffAccount(
            id: "acct-" + username, username: username, displayName: "Service: " + label, role: role, jurisdictionID: city.id,
            jurisdictionPath: city.path, passwordHash: nil, createdAt: clock.now())
        try await store.createAccount(
            account, audit: clock.event(actor.auditName, .accountCreate, kind: "account", id: account.id, detail: "\(role.rawValue) service account"))
        return account
    }
}
