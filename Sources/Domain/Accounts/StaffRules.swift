/// Who may create, change and disable whose account. An officer hands out accounts only *below*
/// their own area and only with roles *beneath* their own, so no one can make a colleague (or
/// themselves, through a second account) more powerful than they are; an administrator, whose
/// job this is, may also create peers at their own level.
public enum StaffRules {
    /// Why an account change was refused, with what the form needs to name the field.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The role asked for is not beneath the actor's.
        case roleNotBeneath(actor: Role, asked: Role)
        /// The area lies outside the actor's jurisdiction, or is the actor's own (officers).
        case areaNotBelow(areaID: String)
        /// The role works at another level (a grid worker is bound to a grid).
        case wrongLevel(role: Role, level: AreaLevel)
        /// Residents and proxies have no staff account: they sign in with their phone.
        case notAStaffRole(Role)
        /// Disabling or demoting oneself locks the command centre out.
        case ownAccount
        /// Enterprise accounts come with the district's approval of the enterprise, and pharmacy
        /// accounts from the pharmacy's page, not from here.
        case enterpriseRole(Role)

        public var description: String {
            switch self {
            case .roleNotBeneath(let actor, let asked): "a \(actor.rawValue) may not manage \(asked.rawValue) accounts"
            case .areaNotBelow(let id): "area \(id) is not below your own area"
            case .wrongLevel(let role, let level): "a \(role.rawValue) is not bound to a \(level.rawValue)"
            case .notAStaffRole(let role): "\(role.rawValue) is not a staff role: residents sign in with their phone"
            case .ownAccount: "you cannot change your own role, area or access"
            case .enterpriseRole(let role):
                role == .pharmacist
                    ? "pharmacist accounts are opened from the pharmacy's page" : "\(role.rawValue) accounts are made when the district approves the enterprise"
            }
        }

        /// The form field the refusal is about.
        public var field: String {
            switch self {
            case .roleNotBeneath, .notAStaffRole, .wrongLevel, .enterpriseRole: "role"
            case .areaNotBelow: "area"
            case .ownAccount: "username"
            }
        }
    }

    /// May `actor` hold an account of `role` at `area` (create it, or change or disable one that
    /// is or becomes such)? `level` is the area's level.
    public static func check(_ actor: Principal, role: Role, areaID: String, path: AreaPath, level: AreaLevel) throws(Refusal) {
        guard role.isStaff else { throw .notAStaffRole(role) }
        guard !role.actsForOrganisation else { throw .enterpriseRole(role) }
        guard actor.role == .admin ? role.rank <= actor.role.rank : role.rank < actor.role.rank else {
            throw .roleNotBeneath(actor: actor.role, asked: role)
        }
        guard let root = actor.jurisdiction, root.contains(path) else { throw .areaNotBelow(areaID: areaID) }
        // Officers only below their own area: a district officer makes street officers, not another district officer.
        if actor.role != .admin && actor.role != .commandCentre && root == path { throw .areaNotBelow(areaID: areaID) }
        if let bound = role.jurisdictionLevel, bound != level { throw .wrongLevel(role: role, level: level) }
    }

    /// The roles `actor` may hand out, for a form's choices (levels are checked with the area).
    public static func assignableRoles(for actor: Principal) -> [Role] {
        Role.allCases.filter { $0.isStaff && !$0.actsForOrganisation && (actor.role == .admin ? $0.rank <= actor.role.rank : $0.rank < actor.role.rank) }
    }
}

extension Role {
    /// How far a role reaches, for who may manage whom. Field roles at the bottom, officers by
    /// level, the command centre above them; feeds and administrators (who hold the keys to
    /// every import and account) at the top, managed only by administrators.
    public var rank: Int {
        switch self {
        case .resident, .proxy, .enterpriseManager, .enterpriseHealth, .pharmacist: 0
        case .checkpointOperator, .gridWorker: 1
        case .communityOfficer, .ledgerOfficer: 2
        case .streetOfficer: 3
        case .districtOfficer, .epidemiologist: 4
        case .commandCentre: 5
        case .dataFeed, .admin: 6
        }
    }
}
