/// What an audit entry records, named once (the log stores the raw text, `person.read`, which a
/// reader searches for). Every producer writes one of these; none makes up a string on the spot.
public struct AuditAction: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// An action read back from the log, or one a test writes.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    // Access and sign-in
    public static let accessDenied = AuditAction("access.denied")
    public static let personRead = AuditAction("person.read")
    public static let personList = AuditAction("person.list")
    public static let directiveSend = AuditAction("directive.send")
    public static let directiveAcknowledge = AuditAction("directive.acknowledge")
    public static let enterpriseRegister = AuditAction("enterprise.register")
    public static let enterpriseApprove = AuditAction("enterprise.approve")
    public static let enterpriseRefuse = AuditAction("enterprise.refuse")
    public static let employmentPropose = AuditAction("employment.propose")
    public static let employmentConfirm = AuditAction("employment.confirm")
    public static let employmentDecline = AuditAction("employment.decline")
    public static let employeesList = AuditAction("employees.list")
    public static let workApply = AuditAction("work.apply")
    public static let workApprove = AuditAction("work.approve")
    public static let workChanges = AuditAction("work.changes")
    public static let workRefuse = AuditAction("work.refuse")
    public static let workRevoke = AuditAction("work.revoke")
    public static let certificateIssue = AuditAction("certificate.issue")
    public static let staffReport = AuditAction("enterprise.staff-report")
    public static let tripRegister = AuditAction("enterprise.trip")
    public static let forceMajeureRequest = AuditAction("force-majeure.request")
    public static let forceMajeureIssue = AuditAction("force-majeure.issue")
    public static let forceMajeureRefuse = AuditAction("force-majeure.refuse")
    // Supplies
    public static let stockUpdate = AuditAction("pharmacy.stock")
    public static let roundCreate = AuditAction("round.create")
    public static let roundEnter = AuditAction("round.enter")
    public static let roundDraw = AuditAction("round.draw")
    public static let pickupCollect = AuditAction("pickup.collect")
    public static let priorityAdd = AuditAction("priority.add")
    public static let ledgerEnter = AuditAction("ledger.enter")
    public static let ledgerApprove = AuditAction("ledger.approve")
    public static let ledgerReject = AuditAction("ledger.reject")
    public static let shipmentSend = AuditAction("shipment.send")
    public static let shipmentReceive = AuditAction("shipment.receive")
    public static let personSearch = AuditAction("person.search")
    public static let personPhoneReveal = AuditAction("person.phone-reveal")
    public static let householdRead = AuditAction("household.read")
    public static let statusRead = AuditAction("status.read")
    public static let login = AuditAction("login")
    public static let loginFailed = AuditAction("login.failed")
    public static let logout = AuditAction("logout")
    // Accounts, keys and tokens
    public static let accountCreate = AuditAction("account.create")
    public static let accountAssign = AuditAction("account.assign")
    public static let accountUpdate = AuditAction("account.update")
    public static let accountDisable = AuditAction("account.disable")
    public static let accountEnable = AuditAction("account.enable")
    public static let accountPasswordReset = AuditAction("account.password-reset")
    public static let accountPasswordChange = AuditAction("account.password-change")
    public static let tokenCreate = AuditAction("token.create")
    public static let tokenRevoke = AuditAction("token.revoke")
    public static let proxyLink = AuditAction("proxy.link")
    public static let proxyUnlink = AuditAction("proxy.unlink")
    public static let proxyRequest = AuditAction("proxy.request")
    public static let proxyReject = AuditAction("proxy.reject")
    // Applications for a code (申领)
    public static let registrationNew = AuditAction("registration.new")
    public static let registrationDeclare = AuditAction("registration.declare")
    public static let registrationClaim = AuditAction("registration.claim")
    public static let registrationConfirm = AuditAction("registration.confirm")
    /// A self-declared record merged into the register's by a residents feed.
    public static let registrationMerge = AuditAction("registration.merge")
    /// The feeds contradict a declaration: written on it, and a task for the grid.
    public static let registrationConflict = AuditAction("registration.conflict")
    /// A claim decided by the grid: the phone that applied linked to the person, or not.
    public static let registrationClaimLinked = AuditAction("registration.claim-linked")
    public static let registrationClaimRejected = AuditAction("registration.claim-rejected")
    public static let keysRotate = AuditAction("keys.rotate")
    public static let keysImportDCC = AuditAction("keys.import-dcc")
    public static let keysRotateDataKey = AuditAction("keys.rotate-data-key")
    public static let auditAnchor = AuditAction("audit.anchor")
    public static let auditExport = AuditAction("audit.export")
    public static let auditVerify = AuditAction("audit.verify")
    public static let loginPassword = AuditAction("login.password")
    public static let secondFactorEnrol = AuditAction("second-factor.enrol")
    public static let secondFactorReset = AuditAction("second-factor.reset")
    // Cases and tracing
    public static let caseUpdate = AuditAction("case.update")
    public static let caseTrace = AuditAction("case.trace")
    public static let caseTraced = AuditAction("case.traced")
    public static let presencePurge = AuditAction("presence.purge")
    // What people declare and appeal
    public static let checkIn = AuditAction("checkin")
    public static let declareTravel = AuditAction("declare.travel")
    public static let declareContact = AuditAction("declare.contact")
    public static let appealSubmit = AuditAction("appeal.submit")
    public static let appealUphold = AuditAction("appeal.uphold")
    public static let appealDismiss = AuditAction("appeal.dismiss")
    // Manual colours and the rules
    public static let overridePropose = AuditAction("override.propose")
    public static let overrideApprove = AuditAction("override.approve")
    public static let overrideReject = AuditAction("override.reject")
    public static let profileUpdate = AuditAction("profile.update")
    // Codes and checkpoints
    public static let credentialIssue = AuditAction("credential.issue")
    public static let credentialPaper = AuditAction("credential.paper")
    public static let credentialPrint = AuditAction("credential.print")
    public static let credentialRevoke = AuditAction("credential.revoke")
    public static let checkpointScan = AuditAction("checkpoint.scan")
    // Grid work
    public static let householdVisit = AuditAction("household.visit")
    public static let rosterPlan = AuditAction("roster.plan")
    public static let rosterStart = AuditAction("roster.start")
    public static let rosterEnd = AuditAction("roster.end")
    public static let reportDaily = AuditAction("report.daily")
    public static let reportZero = AuditAction("report.zero")
    public static let taskCreate = AuditAction("task.create")
    public static let helpRequestCreate = AuditAction("help-request.create")
    public static let helpRequestAnswer = AuditAction("help-request.answer")
    public static let taskGenerate = AuditAction("task.generate")
    public static let taskEscalate = AuditAction("task.escalate")
    public static func task(_ state: String) -> AuditAction { AuditAction("task.\(state)") }
    public static func followUp(_ outcome: String) -> AuditAction { AuditAction("follow-up.\(outcome)") }
    // Public information and notifications
    public static let disclosureDraft = AuditAction("disclosure.draft")
    public static let disclosureApprove = AuditAction("disclosure.approve")
    public static let disclosureWithdraw = AuditAction("disclosure.withdraw")
    public static let disclosureEdit = AuditAction("disclosure.edit")
    public static let disclosureReject = AuditAction("disclosure.reject")
    public static func publish(_ kind: String) -> AuditAction { AuditAction("publish.\(kind)") }
    public static let notifyQueue = AuditAction("notify.queue")
    public static let notifyRetry = AuditAction("notify.retry")
    public static let notifyFailed = AuditAction("notify.failed")
    /// A message handed to a gateway (`notify.sms`, `notify.webhook`…).
    public static func notify(_ channel: String) -> AuditAction { AuditAction("notify.\(channel)") }
    // Bulk loads
    public static func importRecords(_ kind: String) -> AuditAction { AuditAction("import.\(kind)") }
    public static func demo(_ kind: String) -> AuditAction { AuditAction("demo.\(kind)") }
    public static func bench(_ kind: String) -> AuditAction { AuditAction("bench.\(kind)") }
}
