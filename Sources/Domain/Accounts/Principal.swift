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
    /// Signed in with a scoped token: the import kinds it may send (nil: no limit beyond the role).
    public var importScopes: Set<String>?

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
    }

    /// The jurisdiction's path as stored (for store queries that take a path).
    public var jurisdictionPath: String? { jurisdiction?.rawValue }

    /// The actor name written into the audit log.
    public var auditName: String { subject.storageKey }

    /// Is this the system's own staff (as opposed to a resident or proxy)?
    public var isStaff: Bool { if case .staff = subject { true } else { false } }
}
