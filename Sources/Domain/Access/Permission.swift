/// Everything a route or a service asks before it acts. The names follow DESIGN §5's token scope
/// vocabulary (`ingest:presence`, `scan`), so scoped API tokens can name them; the README's "Who
/// may do what" table is printed from `AccessPolicy.grants`.
public enum Permission: String, CaseIterable, Sendable, Comparable {
    // People and places
    case readAreas = "areas:read"
    case readPeople = "people:read"
    case writePeople = "people:write"
    case contactPeople = "people:contact"
    case holdCodes = "codes:hold"
    case printPaperCodes = "codes:print"
    // Epidemiology
    case traceCases = "cases:trace"
    case editCases = "cases:edit"
    case editProfile = "profile:edit"
    case readRiskAreas = "risk-areas:read"
    case approveDisclosures = "disclosures:approve"
    // Manual colours and appeals
    case proposeOverrides = "overrides:propose"
    case decideOverrides = "overrides:decide"
    case reviewAppeals = "appeals:review"
    // Grid work
    case workTasks = "tasks:work"
    case createTasks = "tasks:create"
    case submitReports = "reports:submit"
    case readReports = "reports:read"
    case followUpQuarantine = "quarantine:follow-up"
    case manageRosters = "rosters:manage"
    case assignStaff = "staff:assign"
    case manageStaff = "staff:manage"
    // Checkpoints, publication, feeds, administration
    case scan
    case publish
    case ingestAreas = "ingest:areas"
    case ingestPlaces = "ingest:places"
    case ingestResidents = "ingest:residents"
    case ingestPresence = "ingest:presence"
    case ingestLabs = "ingest:labs"
    case ingestArrivals = "ingest:arrivals"
    case changeOwnPassword = "password:change"
    case readAudit = "audit:read"
    case readFeeds = "feeds:read"
    case readDashboard = "dashboard:read"
    case sendDirectives = "directives:send"
    case acknowledgeDirectives = "directives:acknowledge"
    // Enterprises back to work
    case registerEnterprises = "enterprises:register"
    case approveEnterprises = "enterprises:approve"
    case manageEmployees = "enterprise:employees"
    case applyReturnToWork = "enterprise:apply"
    case reportStaffHealth = "enterprise:report"
    case manageEnterpriseAccounts = "enterprise:accounts"
    // Supplies
    case bookMasks = "masks:book"
    case keepStock = "pharmacy:stock"
    case handOutPickups = "pharmacy:pickup"
    case manageSupplies = "supplies:manage"
    case enterLedger = "ledger:enter"
    case approveLedger = "ledger:approve"
    case receiveSupplies = "supplies:receive"
    case administer

    /// The permission to import records of a kind (`areas`, `presence`, …), nil for an unknown kind.
    public static func ingest(_ kind: String) -> Permission? { Permission(rawValue: "ingest:" + kind) }

    public static let ingestAll: Set<Permission> = [.ingestAreas, .ingestPlaces, .ingestResidents, .ingestPresence, .ingestLabs, .ingestArrivals]

    /// What the permission allows, in words for a refusal and for the README.
    public var summary: String {
        switch self {
        case .readAreas: "see areas and their figures"
        case .readPeople: "open a person's record (audited)"
        case .writePeople: "check in, declare, appeal, visit or follow up for a person"
        case .contactPeople: "see a person's address and call them (each phone shown is audited)"
        case .holdCodes: "hold health codes (own and dependants')"
        case .printPaperCodes: "print a paper code"
        case .traceCases: "list cases and trace their contacts"
        case .editCases: "confirm, discard or date a case"
        case .editProfile: "change the outbreak profile"
        case .readRiskAreas: "see risk areas and their history"
        case .approveDisclosures: "draft and approve case disclosures"
        case .proposeOverrides: "propose a colour by hand"
        case .decideOverrides: "approve or reject a colour by hand"
        case .reviewAppeals: "decide appeals"
        case .workTasks: "see and work grid tasks"
        case .createTasks: "create grid tasks"
        case .submitReports: "submit daily and zero reports"
        case .readReports: "see report completeness"
        case .followUpQuarantine: "follow up people in quarantine"
        case .manageRosters: "plan and mark checkpoint shifts"
        case .assignStaff: "move staff between areas"
        case .manageStaff: "create, change and disable accounts beneath their own"
        case .scan: "scan codes at a checkpoint"
        case .publish: "publish notices and rumour rebuttals"
        case .ingestAreas, .ingestPlaces, .ingestResidents, .ingestPresence, .ingestLabs, .ingestArrivals:
            "import \(rawValue.dropFirst("ingest:".count)) records"
        case .changeOwnPassword: "choose their own password (staff)"
        case .readAudit: "read and export the audit log"
        case .readFeeds: "see every data feed, what it delivered and whether it is late"
        case .readDashboard: "see the dashboard of their area (cases, colours, tasks, reports, scans)"
        case .sendDirectives: "send directives to the areas below theirs and follow their acknowledgements"
        case .acknowledgeDirectives: "read and acknowledge the directives sent to their area"
        case .registerEnterprises: "register enterprises in their area and see them"
        case .approveEnterprises: "approve or refuse enterprises"
        case .manageEmployees: "add their enterprise's employees and see each one's colour and fitness for work (never why)"
        case .applyReturnToWork: "apply for their enterprise to return to work, register its chartered trips, print its certificates"
        case .reportStaffHealth: "send the enterprise's daily staff report (an employee with symptoms becomes a grid task)"
        case .manageEnterpriseAccounts: "give the enterprise's health officer an account"
        case .bookMasks: "enter mask reservation rounds (own and dependants') and hold pickup codes"
        case .keepStock: "set their pharmacy's stock"
        case .handOutPickups: "scan pickup codes at their pharmacy"
        case .manageSupplies: "open pharmacy accounts, run reservation rounds and list priority groups in their area"
        case .enterLedger: "enter donation ledger lines (a second person approves)"
        case .approveLedger: "approve or reject ledger lines someone else entered"
        case .receiveSupplies: "confirm supplies their area received and send them on to the areas below"
        case .administer: "administer tokens and keys"
        }
    }

    public static func < (a: Permission, b: Permission) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
