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

    /// Staff sign in with a password (pages) or a bearer token (API); residents and proxies with an SMS code.
    public var isStaff: Bool { self != .resident && self != .proxy }

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
