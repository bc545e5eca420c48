/// The roles of DESIGN §2. Staff roles carry a jurisdiction; residents and proxies act for themselves.
public enum Role: String, Sendable, Codable, CaseIterable {
    case resident
    case proxy
    case checkpointOperator = "checkpoint-operator"
    case gridWorker = "grid-worker"
    case communityOfficer = "community-officer"
    case streetOfficer = "street-officer"
    case districtOfficer = "district-officer"
    case epidemiologist
    case commandCentre = "command-centre"
    case dataFeed = "data-feed"
    case admin
    /// An enterprise's manager and its health officer (复工复产): accounts made when the district
    /// approves the enterprise, acting for it alone.
    case enterpriseManager = "enterprise-manager"
    case enterpriseHealth = "enterprise-health"
    /// A pharmacy's account (口罩预约): its stock and its pickups, opened from the pharmacy's page.
    case pharmacist
    /// The donation ledger office (红十字会): enters and, as a second person, approves ledger lines.
    case ledgerOfficer = "ledger-officer"

    /// Staff sign in with a password (pages) or a bearer token (API); residents and proxies with an SMS code.
    public var isStaff: Bool { self != .resident && self != .proxy }

    /// Accounts of an enterprise: they sign in like staff, but see their enterprise and nothing else.
    public var isEnterprise: Bool { self == .enterpriseManager || self == .enterpriseHealth }

    /// Accounts bound to one organisation (an enterprise, a pharmacy), opened from its own page.
    public var actsForOrganisation: Bool { isEnterprise || self == .pharmacist }

    /// The area level a staff account of this role is bound to; nil means any level (set per account).
    public var jurisdictionLevel: AreaLevel? {
        switch self {
        case .gridWorker: .grid
        case .communityOfficer: .community
        case .streetOfficer: .street
        case .districtOfficer: .district
        case .commandCentre, .admin: .city
        default: nil
        }
    }
}
