/// Who is acting on a request: a staff account, or a resident (possibly a proxy for dependants).
public struct Principal: Sendable, Equatable {
    public var subject: Session.Subject
    public var role: Role
    public var displayName: String
    /// The root of what this principal may see; nil for residents.
    public var jurisdictionID: String?
    public var jurisdiction: AreaPath?
    /// Residents whose records a proxy holds (elderly, children).
    public var dependants: [String]
    /// Signed in with a scoped token: what it may do (nil: no limit beyond the role).
    public var tokenScopes: Set<Permission>?
    /// Signed in with a one-time password: nothing opens until it is changed.
    public var mustChangePassword = false
    /// An enterprise's account: it acts for this enterprise and nothing else.
    public var enterpriseID: String?
    /// A pharmacy's account: it acts for this pharmacy and nothing else.
    public var pharmacyID: String?

    public init(subject: Session.Subject, role: Role, displayName: String, jurisdictionID: String? = nil, jurisdictionPath: String? = nil, dependants: [String] = []) {
        self.subject = subject
        self.role = role
        self.displayName = displayName
        self.jurisdictionID = jurisdictionID
        self.jurisdiction = jurisdictionPath.map(AreaPath.init)
        self.dependants = dependants
    }

    public init(staff account: StaffAccount) {
        self.init(
            subject: .staff(accountID: account.id), role: account.role, displayName: account.displayName,
            jurisdictionID: account.jurisdictionID, jurisdictionPath: account.jurisdictionPath)
        enterpriseID = account.enterpriseID
        pharmacyID = account.pharmacyID
    }

    /// The jurisdiction's path as stored (for store queries that take a path).
    public var jurisdictionPath: String? { jurisdiction?.rawValue }

    /// The actor name written into the audit log.
    public var auditName: String { commandLineUser.map { "cli:" + $0 } ?? subject.storageKey }
    /// Set for the operator of the `cordon` command (who holds the store itself): audited by the
    /// system user's name, not as an account.
    public var commandLineUser: String?

    /// The operator of a `cordon` command: an administrator of the whole tree, audited as `cli:USER`.
    public static func commandLine(_ user: String) -> Principal {
        var p = Principal(subject: .staff(accountID: "cli:" + user), role: .admin, displayName: user, jurisdictionID: nil, jurisdictionPath: "/")
        p.commandLineUser = user
        return p
    }

    /// Is this the system's own staff (as opposed to a resident or proxy)?
    public var isStaff: Bool { if case .staff = subject { true } else { false } }
}
