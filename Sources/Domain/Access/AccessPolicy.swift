/// The one place that decides who may do what, and where.
///
/// `grants` is the permission table: each role of DESIGN §2 and what it may do. Staff act within
/// their jurisdiction (the subtree of their area; areas above it are visible by name, none of the
/// people in them); residents and proxies act for themselves and the dependants they hold codes for.
/// Routes, services and the home pages all ask here, so a role's reach is changed in one line.
public enum AccessPolicy {
    public enum Denial: Error, Equatable, Sendable, CustomStringConvertible {
        case roleMayNot(role: Role, permission: Permission)
        case outsideJurisdiction(kind: String, id: String)
        /// The role may, the API token signed in with may not (its scopes).
        case tokenScope(permission: Permission, scopes: Set<Permission>)

        public var description: String {
            switch self {
            case .roleMayNot(let r, let p): "the role \(r.rawValue) may not \(p.summary) (\(p.rawValue))"
            case .tokenScope(let p, let scopes):
                "this token's scopes (\(scopes.sorted().map(\.rawValue).joined(separator: ", "))) do not include \(p.rawValue)"
            case .outsideJurisdiction(let k, let id): "\(k) \(id) is outside your jurisdiction"
            }
        }
    }

    private static let gridWork: Set<Permission> = [
        .readAreas, .readPeople, .writePeople, .contactPeople, .printPaperCodes, .readRiskAreas, .workTasks, .submitReports, .readReports, .followUpQuarantine,
        .manageRosters, .acknowledgeDirectives,
    ]
    private static let officer = gridWork.union([.createTasks, .assignStaff, .manageStaff, .readDashboard, .sendDirectives, .registerEnterprises, .receiveSupplies])

    /// Who may do what. Admins manage accounts and the map (areas, places), not people or
    /// epidemiology: they neither read nor write person records, import people, presence or lab
    /// results (a positive result makes a case), trace, nor publish.
    public static let grants: [Role: Set<Permission>] = roleGrants.reduce(into: [:]) { table, entry in
        // Every staff account may choose its own password (feeds hold none, and are told so).
        table[entry.key] = entry.key.isStaff ? entry.value.union([.changeOwnPassword]) : entry.value
    }

    private static let roleGrants: [Role: Set<Permission>] = [
        .resident: [.readPeople, .writePeople, .holdCodes, .printPaperCodes, .bookMasks],
        .proxy: [.readPeople, .writePeople, .holdCodes, .printPaperCodes, .bookMasks],
        .checkpointOperator: [.readAreas, .scan],
        .gridWorker: gridWork,
        .communityOfficer: officer,
        .streetOfficer: officer.union([.reviewAppeals]),
        .districtOfficer: officer.union([.reviewAppeals, .proposeOverrides, .decideOverrides, .approveEnterprises, .manageSupplies]),
        .epidemiologist: [
            .readAreas, .readPeople, .writePeople, .contactPeople, .traceCases, .editCases, .editProfile, .readRiskAreas, .approveDisclosures, .proposeOverrides,
            .reviewAppeals,
        ],
        .commandCentre: officer.union([
            .traceCases, .editCases, .editProfile, .approveDisclosures, .proposeOverrides, .decideOverrides, .reviewAppeals, .scan, .publish,
            .readAudit, .readFeeds, .approveEnterprises, .manageSupplies, .enterLedger, .approveLedger,
        ]).union(Permission.ingestAll),
        .dataFeed: Permission.ingestAll.union([.keepStock]),
        .admin: [.readAreas, .assignStaff, .manageStaff, .readReports, .readAudit, .readFeeds, .administer, .ingestAreas, .ingestPlaces],
        .enterpriseManager: [.manageEmployees, .applyReturnToWork, .reportStaffHealth, .manageEnterpriseAccounts],
        .enterpriseHealth: [.manageEmployees, .reportStaffHealth],
        .pharmacist: [.keepStock, .handOutPickups],
        .ledgerOfficer: [.enterLedger, .approveLedger],
    ]

    /// Does the role hold the permission at all (wherever it acts)? For menus and up-front refusals.
    /// A token's scopes narrow its role: it may what both allow.
    public static func may(_ principal: Principal, _ permission: Permission) -> Bool {
        grants[principal.role, default: []].contains(permission) && principal.tokenScopes?.contains(permission) != false
    }

    /// May the principal do this in the area at `path` (or, for `readAreas`, on the way down to their own)?
    public static func may(_ principal: Principal, _ permission: Permission, in path: AreaPath) -> Bool {
        guard may(principal, permission), let root = principal.jurisdiction else { return false }
        return root.contains(path) || (permission == .readAreas && path.isAncestor(of: root))
    }

    /// Refuses a role that lacks the permission anywhere.
    public static func check(_ principal: Principal, _ permission: Permission) throws(Denial) {
        guard grants[principal.role, default: []].contains(permission) else { throw .roleMayNot(role: principal.role, permission: permission) }
        if let scopes = principal.tokenScopes, !scopes.contains(permission) { throw .tokenScope(permission: permission, scopes: scopes) }
    }

    /// Refuses unless the principal holds the permission for this record: staff within their
    /// jurisdiction, residents and proxies for themselves and their dependants only.
    public static func check(_ principal: Principal, _ permission: Permission, _ record: ProtectedRecord) throws(Denial) {
        try check(principal, permission)
        switch principal.subject {
        case .resident(let residentID):
            if case .person(let id, _) = record, id == residentID || principal.dependants.contains(id) { return }
            throw .outsideJurisdiction(kind: record.kind, id: record.id)
        case .staff:
            // An enterprise's account reaches its own enterprise and nothing else, wherever it is.
            if let own = principal.enterpriseID {
                guard case .enterprise(let id, _) = record, id == own else { throw .outsideJurisdiction(kind: record.kind, id: record.id) }
                return
            }
            // A pharmacy's account, likewise, its own pharmacy.
            if let own = principal.pharmacyID {
                guard case .pharmacy(let id, _) = record, id == own else { throw .outsideJurisdiction(kind: record.kind, id: record.id) }
                return
            }
            guard may(principal, permission, in: record.path) else { throw .outsideJurisdiction(kind: record.kind, id: record.id) }
        case .secondFactor:
            // A sign-in half done is no principal (sessions never yield one); refuse regardless.
            throw .outsideJurisdiction(kind: record.kind, id: record.id)
        }
    }

    /// The table as Markdown, one row per permission and a column per role (the README's "Who may do what").
    public static func markdownTable() -> String {
        let roles = Role.allCases
        var lines = ["| permission | " + roles.map(\.rawValue).joined(separator: " | ") + " |"]
        lines.append("|---|" + roles.map { _ in ":-:" }.joined(separator: "|") + "|")
        for p in Permission.allCases {
            let marks = roles.map { grants[$0, default: []].contains(p) ? "✓" : "" }
            lines.append("| `\(p.rawValue)`: \(p.summary) | " + marks.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
