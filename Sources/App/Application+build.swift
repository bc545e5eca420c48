import CordonAPI
import Domain
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import OpenAPIHummingbird
import Privacy
import Prometheus
import ServiceLifecycle
import StoragePostgres
import StorageSQL
import StorageSQLite

// The composition root. Every service is built here, once, with what it needs — its repository
// (the store, seen through the protocols it declares), the clock, the profile, and the services
// it calls — so this file is the map of who depends on whom. Controllers receive services, never
// this whole graph; only the commands of `cordon` and the tests hold it.

/// Everything `cordon serve` and the other commands run on.
public struct CordonServices: Sendable {
    // Infrastructure: opened or loaded once.
    public let settings: CordonSettings
    public let store: any CordonStore
    /// What keeps the store's connections (PostgreSQL's pool): a service of `cordon serve`'s group,
    /// a child task of the other commands. Nil when the store needs none (SQLite) or its opener runs it.
    public let storeService: (any Service)?
    public let vault: PersonalDataVault
    public let hasher: KeyedAuditChainHasher
    public let logger: Logger
    public let clock: WallClock
    /// The outbreak rules (DESIGN §4): `profile.json` in the data directory, else the defaults.
    public let profiles: ProfileStore
    /// The in-memory timeline of presence; `serve` loads it, commands that trace load it on demand.
    public let timeline: TimelineService
    /// Checkpoint scans: the cached checkpoints and the group-commit writer (shared by every request).
    public let checkpoints: CheckpointDirectory
    public let scanRecorder: ScanRecorder
    /// Scans and refusals by gate and hour, counted in memory and written in batches.
    public let scanTally: ScanTally
    /// Whether the database answers: one log line per outage, back-off in the loops, `/healthz`'s reason.
    public let databaseHealth: DatabaseHealth
    /// Whether this instance runs the background work that must run once (the lease's holder).
    public let leadership: Leadership
    /// The health-code signing keys (`DATA_DIR/keys/signing`), located once: every scan verifies.
    public let signingKeys: SigningKeyRing
    /// Document Signer Certificates for EU DCC travel evidence (`DATA_DIR/keys/dcc`).
    public let dccTrust: DCCTrustStore
    /// Public pages and open data, computed at most every 15 s.
    public let publicCache: PublicCache
    /// Bearer tokens recently seen (30 s), so API clients do not cost a database read per request.
    public let tokens: TokenCache
    /// Failed traces since start, for `/metrics`.
    public let traceFailures: TraceFailureCounter

    // Services, in the order they depend on each other.
    public let directory: PersonDirectory
    public let search: PersonSearch
    public let sms: SMSComposer
    public let recentFacts: RecentFacts
    public let facts: HealthFactsService
    public let alerts: AlertService
    public let statuses: StatusService
    public let tracing: CaseTracing
    public let caseList: CaseList
    public let disclosures: DisclosureService
    public let cases: CaseService
    public let riskAreas: RiskAreaService
    public let riskAreaList: RiskAreaList
    public let bulletin: BulletinService
    /// R_t and its projection (`/open-data/rt.json`, the bulletin, the dashboard).
    public let reproductionNumber: ReproductionNumberService
    /// Every data source and whether it is late (`/feeds`).
    public let feedHealth: FeedHealthService
    /// The command centre's dashboard of each area (`/dashboard`).
    public let dashboard: DashboardService
    /// The daily arrivals list (`/arrivals`).
    public let arrivalList: ArrivalListService
    /// Directives down the tree and their acknowledgements (`/directives`).
    public let directives: DirectiveService
    /// Enterprises back to work (`/enterprises`) and their employees (`/employees`).
    public let enterprises: EnterpriseService
    public let employees: EmployeeService
    public let workApplications: WorkApplicationService
    public let staffReports: StaffReportService
    public let charteredTrips: CharteredTripService
    public let forceMajeure: ForceMajeureService
    /// Supplies: pharmacies' stock, reservation rounds and pickups, the donation ledger, shipments.
    public let pharmacies: PharmacyService
    public let maskRounds: MaskRoundService
    public let pickups: PickupService
    public let ledger: DonationLedgerService
    public let shipments: SupplyShipmentService
    public let nearMe: NearMeService
    let atom: AtomFeed
    public let credentials: CredentialService
    public let scans: ScanService
    public let accounts: AccountService
    public let staff: StaffAdministration
    public let contacts: FieldContactService
    public let registrations: RegistrationService
    public let proxies: ProxyService
    public let help: HelpRequestService
    public let newcomers: NewcomerService
    public let auditLog: AuditLogService
    public let keyAdministration: KeyAdministration
    public let appeals: AppealService
    public let overrides: OverrideService
    public let declarations: DeclarationService
    public let checkIns: CheckInService
    public let homes: GridHomes
    public let tasks: GridTaskService
    public let reports: DailyReportService
    public let followUps: FollowUpService
    public let visits: HouseholdVisitService
    public let assignments: AssignmentService
    public let rosters: RosterService
    public let imports: ImportRunner
    public let demo: DemoLoader

    public init(
        settings: CordonSettings, store: any CordonStore, storeService: (any Service)? = nil, vault: PersonalDataVault, logger: Logger,
        profile: OutbreakProfile = .standard, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.storeService = storeService
        let clock = WallClock(now)
        let profiles = ProfileStore(directory: settings.dataDirectory, initial: profile)
        let timeline = TimelineService(store: store, logger: logger)
        let checkpoints = CheckpointDirectory(store: store)
        let scanRecorder = ScanRecorder(store: store, timeline: timeline, now: now)
        let scanTally = ScanTally(store: store)
        self.scanTally = scanTally
        let databaseHealth = DatabaseHealth(logger: logger) { try await store.ping() }
        self.databaseHealth = databaseHealth
        let leadership = Leadership()
        self.leadership = leadership
        let signingKeys = SigningKeyRing(dataDirectory: settings.dataDirectory)
        let dccTrust = DCCTrustStore(dataDirectory: settings.dataDirectory)
        let publicCache = PublicCache()
        let tokens = TokenCache()
        let traceFailures = TraceFailureCounter()
        (self.settings, self.store, self.vault, self.hasher, self.logger, self.clock) = (settings, store, vault, vault.auditChainHasher, logger, clock)
        (self.profiles, self.timeline, self.checkpoints, self.scanRecorder) = (profiles, timeline, checkpoints, scanRecorder)
        (self.signingKeys, self.dccTrust, self.publicCache, self.tokens, self.traceFailures) = (signingKeys, dccTrust, publicCache, tokens, traceFailures)

        let directory = PersonDirectory(store: store, clock: clock)
        let sms = SMSComposer(vault: vault, clock: clock)
        let recentFacts = RecentFacts(store: store, profiles: profiles, clock: clock)
        let facts = HealthFactsService(store: store, profiles: profiles, clock: clock)
        let alerts = AlertService(store: store, profiles: profiles, clock: clock, settings: settings.notifications, sms: sms, recentFacts: recentFacts)
        let statuses = StatusService(store: store, profiles: profiles, clock: clock, facts: facts, alerts: alerts)
        let tracing = CaseTracing(store: store, timeline: timeline, profiles: profiles, clock: clock, directory: directory)
        let caseList = CaseList(store: store, profiles: profiles, tracing: tracing)
        let disclosures = DisclosureService(
            store: store, profiles: profiles, clock: clock, publicCache: publicCache, timeline: timeline, caseList: caseList, directory: directory,
            minimumResidents: settings.disclosureMinimumResidents)
        let cases = CaseService(
            store: store, clock: clock, profiles: profiles, logger: logger, traceFailures: traceFailures, tracing: tracing, disclosures: disclosures, directory: directory,
            statuses: statuses, publicCache: publicCache)
        let riskAreas = RiskAreaService(store: store, profiles: profiles, clock: clock, tracing: tracing)
        let riskAreaList = RiskAreaList(store: store, profiles: profiles, publicCache: publicCache, riskAreas: riskAreas)
        let bulletin = BulletinService(store: store, profiles: profiles, clock: clock, publicCache: publicCache, caseList: caseList)
        let credentials = CredentialService(store: store, vault: vault, profiles: profiles, signingKeys: signingKeys, clock: clock, statuses: statuses)
        let accounts = AccountService(store: store, vault: vault, settings: settings, sms: sms, tokens: tokens, clock: clock)
        let homes = GridHomes(store: store)
        let tasks = GridTaskService(store: store, profiles: profiles, clock: clock, recentFacts: recentFacts, homes: homes, directory: directory)
        let reports = DailyReportService(store: store, profiles: profiles, clock: clock, directory: directory)
        (self.directory, self.sms, self.recentFacts, self.facts, self.alerts, self.statuses) = (directory, sms, recentFacts, facts, alerts, statuses)
        (self.tracing, self.caseList, self.disclosures, self.cases, self.riskAreas) = (tracing, caseList, disclosures, cases, riskAreas)
        (self.riskAreaList, self.bulletin, self.credentials, self.accounts) = (riskAreaList, bulletin, credentials, accounts)
        (self.homes, self.tasks, self.reports) = (homes, tasks, reports)
        self.nearMe = NearMeService(store: store, publicCache: publicCache, disclosures: disclosures, riskAreaList: riskAreaList)
        self.atom = AtomFeed(store: store, clock: clock, bulletin: bulletin)
        let feedHealth = FeedHealthService(store: store, profiles: profiles, clock: clock, directory: directory, sms: sms, alerts: settings.notifications)
        self.feedHealth = feedHealth
        self.dashboard = DashboardService(
            store: store, profiles: profiles, clock: clock, directory: directory, cache: PublicCache(lifetime: 10), riskAreas: riskAreaList, feeds: feedHealth,
            scanTally: scanTally)
        let directives = DirectiveService(store: store, profiles: profiles, clock: clock, directory: directory)
        self.directives = directives
        self.arrivalList = ArrivalListService(store: store, profiles: profiles, clock: clock, directory: directory)
        self.reproductionNumber = ReproductionNumberService(profiles: profiles, clock: clock, publicCache: publicCache, caseList: caseList)
        self.scans = ScanService(
            store: store, vault: vault, checkpoints: checkpoints, dccTrust: dccTrust, scanRecorder: scanRecorder, clock: clock, credentials: credentials,
            scanTally: scanTally)
        self.appeals = AppealService(store: store, profiles: profiles, clock: clock, sms: sms, directory: directory, statuses: statuses)
        self.overrides = OverrideService(store: store, profiles: profiles, clock: clock, sms: sms, directory: directory, statuses: statuses)
        self.declarations = DeclarationService(store: store, profiles: profiles, clock: clock, directory: directory, statuses: statuses)
        self.checkIns = CheckInService(store: store, clock: clock, directory: directory, statuses: statuses)
        self.followUps = FollowUpService(store: store, profiles: profiles, clock: clock, directory: directory, statuses: statuses)
        self.visits = HouseholdVisitService(store: store, profiles: profiles, clock: clock, directory: directory, statuses: statuses)
        self.assignments = AssignmentService(store: store, clock: clock, directory: directory)
        self.staff = StaffAdministration(store: store, clock: clock, directory: directory, bcryptCost: settings.bcryptCost)
        self.enterprises = EnterpriseService(store: store, staff: staff, sms: sms, clock: clock, directory: directory)
        self.employees = EmployeeService(store: store, vault: vault, sms: sms, profiles: profiles, clock: clock, directory: directory)
        self.staffReports = StaffReportService(store: store, profiles: profiles, clock: clock, directory: directory)
        self.charteredTrips = CharteredTripService(store: store, timeline: timeline, statuses: statuses, profiles: profiles, clock: clock, directory: directory)
        self.forceMajeure = ForceMajeureService(store: store, credentials: credentials, clock: clock, directory: directory)
        self.workApplications = WorkApplicationService(
            store: store, credentials: credentials, profiles: profiles, sms: sms, clock: clock, directory: directory)
        self.pharmacies = PharmacyService(store: store, staff: staff, profiles: profiles, publicCache: publicCache, clock: clock, directory: directory)
        self.maskRounds = MaskRoundService(store: store, vault: vault, profiles: profiles, publicCache: publicCache, clock: clock, directory: directory)
        self.pickups = PickupService(store: store, credentials: credentials, clock: clock, directory: directory)
        self.ledger = DonationLedgerService(store: store, profiles: profiles, publicCache: publicCache, clock: clock, directory: directory)
        self.shipments = SupplyShipmentService(store: store, clock: clock, directory: directory)
        self.contacts = FieldContactService(store: store, vault: vault, clock: clock, directory: directory)
        self.help = HelpRequestService(store: store, vault: vault, profiles: profiles, clock: clock, accounts: accounts, directory: directory)
        self.proxies = ProxyService(store: store, vault: vault, profiles: profiles, clock: clock, directory: directory)
        self.auditLog = AuditLogService(store: store, hasher: vault.auditChainHasher, clock: clock, directory: directory)
        self.keyAdministration = KeyAdministration(store: store, signingKeys: signingKeys, credentials: credentials, clock: clock, directory: directory)
        let review = DeclarationReview(store: store, profiles: profiles, clock: clock, timeline: timeline)
        self.registrations = RegistrationService(
            store: store, vault: vault, profiles: profiles, clock: clock, accounts: accounts, declarations: declarations, checkIns: checkIns,
            statuses: statuses, directory: directory, timeline: timeline, review: review)
        self.search = PersonSearch(store: store, vault: vault, clock: clock)
        self.rosters = RosterService(store: store, checkpoints: checkpoints, clock: clock, directory: directory)
        let merges = SelfDeclaredMerge(store: store, vault: vault, clock: clock, timeline: timeline, statuses: statuses)
        self.imports = ImportRunner(store: store, vault: vault, timeline: timeline, clock: clock, cases: cases, statuses: statuses, merges: merges, review: review)
        self.newcomers = NewcomerService(store: store, vault: vault, directory: directory, imports: imports)
        self.demo = DemoLoader(
            store: store, vault: vault, settings: settings, clock: clock, logger: logger, accounts: accounts, cases: cases, reports: reports,
            tasks: tasks, statuses: statuses, disclosures: disclosures, dashboard: dashboard, staff: staff, profiles: profiles, maskRounds: maskRounds,
            ledger: ledger, shipments: shipments)
    }

    /// Opens the configured store (creating the data directory and keys on first use) and builds
    /// every service on it. The store is ready once `storeService` runs and `store.migrate()` is done:
    /// `buildApplication` and `withOpen` see to both.
    public static func open(_ settings: CordonSettings, logger: Logger = Logger(label: "cordon")) async throws -> CordonServices {
        try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keys = try KeyMaterial.loadOrCreate(directory: settings.keysDirectory)
        let vault = PersonalDataVault(keyMaterial: keys)
        let store: any CordonStore
        var storeService: (any Service)? = nil
        if let url = settings.databaseURL {
            (store, storeService) = try PostgresStore.open(url: url, hasher: vault.auditChainHasher, logger: logger)
        } else {
            store = try SQLiteStore.open(path: settings.sqlitePath, hasher: vault.auditChainHasher)
        }
        let profile = try OutbreakProfile.load(from: settings.dataDirectory.appendingPathComponent("profile.json"))
        return CordonServices(
            settings: settings, store: store, storeService: storeService, vault: vault, logger: logger, profile: profile)
    }

    /// For the commands: opens the services, runs the store's connections in a child task for as
    /// long as `body` runs, brings the schema up to date first and closes the store after.
    public static func withOpen<T>(
        _ settings: CordonSettings, logger: Logger = Logger(label: "cordon"), _ body: (CordonServices) async throws -> T
    ) async throws -> T {
        let services = try await open(settings, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            if let storeService = services.storeService { group.addTask { try await storeService.run() } }
            do {
                try await services.store.migrate()
                try await services.recordAuditBoundary()
                let result = try await body(services)
                try await services.store.close()
                return result
            } catch {
                // The body's failure is what the command reports; closing is best effort after it.
                try? await services.store.close()
                throw error
            }
        }
    }

    /// The first start of a store that predates the keyed audit chain records, in the key directory,
    /// how far its unkeyed entries go: from then on an unkeyed entry after them is a rewrite.
    func recordAuditBoundary() async throws {
        let head = try await store.recentAudit(subjectID: nil, limit: 1).first?.sequence ?? 0
        if try DataKeyFile.recordAuditBoundary(directory: settings.keysDirectory, head: head) {
            logger.notice("audit chain: entries 1–\(head) predate the keyed chain; every later entry must be keyed (recorded in keys/data-keys.json)")
        }
    }

    /// The background loops of `cordon serve`, each a `Service` in the application's service group.
    func backgroundServices() -> [any Service] {
        [
            LeaderLease(leases: store, leadership: leadership, health: databaseHealth, logger: logger),
            OutboxDispatcher(store: store, vault: vault, settings: settings, clock: clock, logger: logger, health: databaseHealth, leadership: leadership),
            TimelineKeeper(
                timeline: timeline, profiles: profiles, clock: clock, logger: logger, cases: cases, tracing: tracing, health: databaseHealth, leadership: leadership),
            RulesKeeper(
                logger: logger, recentFacts: recentFacts, alerts: alerts, tasks: tasks, directives: directives, feeds: feedHealth, health: databaseHealth,
                leadership: leadership),
            DashboardKeeper(store: store, dashboard: dashboard, scanTally: scanTally, clock: clock, logger: logger, health: databaseHealth, leadership: leadership),
            RoundDrawer(rounds: maskRounds, health: databaseHealth, leadership: leadership, logger: logger),
        ]
    }
}

/// The whole application: the router over the services, and in its service group the store's
/// connections and the background loops. Before the server listens, the schema is brought up to
/// date, `prepare` runs (`cordon serve` generates the demo city there on an empty store) and the
/// timeline is loaded. Tests pass services built on their own store and clock, and leave the loops
/// out when they drive time themselves.
public func buildApplication(
    services: CordonServices, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), backgroundLoops: Bool = true,
    prepare: @escaping @Sendable (CordonServices) async throws -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(services: services, metrics: metrics)
    // The store's service first: the group stops services in reverse order, so it closes last.
    let storeServices: [any Service] = services.storeService.map { [$0] } ?? []
    let ready = Gate()
    let loops: [any Service] = backgroundLoops ? services.backgroundServices().map { StartsWhenReady(ready: ready, service: $0) } : []
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(services.settings.host, port: services.settings.port), serverName: "cordon"),
        services: storeServices + loops,
        logger: services.logger)
    // A stop asked for while this runs (an unreachable database, a long demo generation) ends it.
    app.beforeServerStarts {
        try await cancelWhenGracefulShutdown {
            try await services.store.migrate()
            try await services.recordAuditBoundary()
            try await prepare(services)
            try await services.timeline.load()
        }
        ready.open()
    }
    return app
}

/// Routes, middleware and controllers, each controller given the services it calls.
func buildRouter(services s: CordonServices, metrics: PrometheusCollectorRegistry) async throws -> Router<CordonRequestContext> {
    let pages = try await PageRenderer.load(profiles: s.profiles)
    // HEAD answers like GET without the body (monitors and link checkers ask HEAD).
    let router = Router(context: CordonRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(publicHTTPS: s.settings.publicURL?.lowercased().hasPrefix("https://") == true))
    router.add(middleware: LogRequestsMiddleware(.debug))
    if let staticDirectory = Bundle.module.resourceURL?.appendingPathComponent("Static").path {
        router.add(middleware: FileMiddleware(staticDirectory, urlBasePath: "/static", cacheControl: .init([(MediaType(type: .any), [.maxAge(3600)])]), logger: s.logger))
    }
    // Maps and charts come from Debian's libjs-* packages: no CDN in a cut-off city.
    if FileManager.default.fileExists(atPath: "/usr/share/javascript") {
        router.add(middleware: FileMiddleware("/usr/share/javascript", urlBasePath: "/js", cacheControl: .init([(MediaType(type: .any), [.maxAge(86400)])]), logger: s.logger))
    }
    router.add(middleware: UnknownPageMiddleware(pages: pages, areas: s.store))
    router.add(middleware: DomainErrorMiddleware())
    router.add(middleware: UndeclaredMethodMiddleware())
    // Imports up to 2 KB a record; everything else (forms, JSON calls, scans) 1 MB.
    router.add(middleware: BodyLimitMiddleware(ingestLimit: max(1 << 20, s.settings.maxIngestRecords * 2_048), defaultLimit: 1 << 20))
    // Inside the error middleware: an invalid token is answered with the documented error body.
    router.add(middleware: SessionAuthenticator(accounts: s.accounts))
    router.add(middleware: BearerAuthenticator(accounts: s.accounts))
    // After the error middleware: a refused API request is answered as JSON by it; a page's as a page.
    router.add(middleware: FormProtectionMiddleware(pages: pages, areas: s.store))

    let metricsToken = s.settings.metricsToken
    router.get("metrics") { request, _ in
        // Request counts and failures tell an attacker what works; with a token configured, only its holder reads them.
        if let metricsToken, !FormProtectionMiddleware.equal(request.headers.bearer?.token ?? "", metricsToken) {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "/metrics needs the metrics token")
        }
        var buffer: [UInt8] = []
        metrics.emit(into: &buffer)
        buffer.append(contentsOf: s.traceFailures.exposition.utf8)
        buffer.append(contentsOf: s.timeline.size.exposition.utf8)
        buffer.append(contentsOf: StoreMemoryGauge.exposition(of: s.store).utf8)
        buffer.append(contentsOf: HeapGauge.exposition(ProcessMemory.heap()).utf8)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }
    // Liveness: the process answers (`/healthz` also asks the database). Also the anchor route of
    // scripts/bench-checkpoint: the same middleware stack with no work behind it.
    router.get("livez") { _, _ in "ok" }
    router.get("openapi.yaml") { _, _ in
        guard let data = try? CordonAPISpec.document() else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    router.get("favicon.ico") { _, _ in
        guard let icon = Bundle.module.url(forResource: "favicon", withExtension: "ico", subdirectory: "Static"),
            let data = try? Data(contentsOf: icon)
        else { throw HTTPError(.notFound) }
        return Response(
            status: .ok, headers: [.contentType: "image/x-icon", .cacheControl: "max-age=86400"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    let pageGroup = router.group().add(middleware: HTMLErrorMiddleware(pages: pages, areas: s.store)).add(middleware: OneTimePasswordMiddleware())
    SignInController(accounts: s.accounts, clock: s.clock, pages: pages, sessionLifetime: s.settings.sessionLifetime).register(on: pageGroup)
    HomeController(
        store: s.store, clock: s.clock, directory: s.directory, statuses: s.statuses, checkIns: s.checkIns, declarations: s.declarations, appeals: s.appeals,
        contacts: s.contacts, registrations: s.registrations, help: s.help, feeds: s.feedHealth, employees: s.employees, pages: pages)
        .register(on: pageGroup)
    AreaPagesController(store: s.store, directory: s.directory, contacts: s.contacts, registrations: s.registrations, proxies: s.proxies, newcomers: s.newcomers, pages: pages).register(on: pageGroup)
    SearchPagesController(search: s.search, clock: s.clock, pages: pages).register(on: pageGroup)
    CasePagesController(store: s.store, clock: s.clock, tracing: s.tracing, directory: s.directory, pages: pages).register(on: pageGroup)
    ProfilePagesController(store: s.store, clock: s.clock, profiles: s.profiles, pages: pages).register(on: pageGroup)
    RiskAreaPagesController(store: s.store, profiles: s.profiles, riskAreas: s.riskAreas, pages: pages).register(on: pageGroup)
    HealthPagesController(
        clock: s.clock, profiles: s.profiles, appeals: s.appeals, cases: s.cases, overrides: s.overrides, directory: s.directory, pages: pages
    ).register(on: pageGroup)
    CredentialPagesController(store: s.store, clock: s.clock, credentials: s.credentials, scans: s.scans, directory: s.directory, pages: pages)
        .register(on: pageGroup)
    GridTaskPagesController(clock: s.clock, tasks: s.tasks, directory: s.directory, pages: pages).register(on: pageGroup)
    FieldWorkPagesController(store: s.store, followUps: s.followUps, visits: s.visits, directory: s.directory, pages: pages).register(on: pageGroup)
    ReportPagesController(store: s.store, profiles: s.profiles, reports: s.reports, staffReports: s.staffReports, pages: pages).register(on: pageGroup)
    RosterPagesController(clock: s.clock, profiles: s.profiles, rosters: s.rosters, pages: pages).register(on: pageGroup)
    AssignmentPagesController(store: s.store, assignments: s.assignments, pages: pages).register(on: pageGroup)
    StaffPagesController(store: s.store, staff: s.staff, clock: s.clock, pages: pages).register(on: pageGroup)
    PasswordPagesController(staff: s.staff, pages: pages).register(on: pageGroup)
    AuditPagesController(audit: s.auditLog, clock: s.clock, pages: pages).register(on: pageGroup)
    FeedPagesController(feeds: s.feedHealth, pages: pages).register(on: pageGroup)
    DashboardPagesController(dashboard: s.dashboard, reproductionNumber: s.reproductionNumber, shipments: s.shipments, pages: pages).register(on: pageGroup)
    ArrivalPagesController(arrivals: s.arrivalList, directory: s.directory, pages: pages).register(on: pageGroup)
    DirectivePagesController(directives: s.directives, pages: pages).register(on: pageGroup)
    EnterprisePagesController(enterprises: s.enterprises, store: s.store, pages: pages).register(on: pageGroup)
    EmployeePagesController(employees: s.employees, enterprises: s.enterprises, pages: pages).register(on: pageGroup)
    WorkApplicationPagesController(applications: s.workApplications, store: s.store, pages: pages).register(on: pageGroup)
    StaffReportPagesController(reports: s.staffReports, pages: pages).register(on: pageGroup)
    CharteredTripPagesController(trips: s.charteredTrips, pages: pages).register(on: pageGroup)
    ForceMajeurePagesController(forceMajeure: s.forceMajeure, pages: pages).register(on: pageGroup)
    KeyPagesController(keys: s.keyAdministration, pages: pages).register(on: pageGroup)
    ProxyPagesController(proxies: s.proxies, pages: pages).register(on: pageGroup)
    CoveragePagesController(store: s.store, directory: s.directory, clock: s.clock, pages: pages).register(on: pageGroup)
    HelpPagesController(help: s.help, store: s.store, pages: pages).register(on: pageGroup)
    ApplyPagesController(registrations: s.registrations, clock: s.clock, pages: pages, sessionLifetime: s.settings.sessionLifetime).register(on: pageGroup)
    PublicPagesController(
        store: s.store, atom: s.atom, bulletin: s.bulletin, reproductionNumber: s.reproductionNumber, disclosures: s.disclosures, nearMe: s.nearMe, riskAreaList: s.riskAreaList,
        publicCache: s.publicCache, pages: pages
    ).register(on: pageGroup)
    MaskPagesController(rounds: s.maskRounds, pickups: s.pickups, pharmacies: s.pharmacies, profiles: s.profiles, clock: s.clock, pages: pages).register(on: pageGroup)
    PharmacyPagesController(pharmacies: s.pharmacies, pickups: s.pickups, profiles: s.profiles, pages: pages).register(on: pageGroup)
    SupplyPagesController(pharmacies: s.pharmacies, rounds: s.maskRounds, shipments: s.shipments, store: s.store, profiles: s.profiles, clock: s.clock, pages: pages)
        .register(on: pageGroup)
    LedgerPagesController(ledger: s.ledger, store: s.store, clock: s.clock, profiles: s.profiles, pages: pages).register(on: pageGroup)
    SupplyPublicPagesController(pharmacies: s.pharmacies, rounds: s.maskRounds, pickups: s.pickups, ledger: s.ledger, profiles: s.profiles, clock: s.clock, pages: pages)
        .register(on: pageGroup)
    PublishingPagesController(store: s.store, clock: s.clock, publicCache: s.publicCache, disclosures: s.disclosures, pages: pages)
        .register(on: pageGroup)
    OpenDataController(
        store: s.store, publicCache: s.publicCache, bulletin: s.bulletin, disclosures: s.disclosures, riskAreaList: s.riskAreaList,
        reproductionNumber: s.reproductionNumber)
        .register(on: router)
    SupplyOpenDataController(pharmacies: s.pharmacies, rounds: s.maskRounds, ledger: s.ledger, profiles: s.profiles, publicCache: s.publicCache)
        .register(on: router)

    router.add(middleware: RequestContextMiddleware())
    let api = CordonAPIImplementation(
        store: s.store, clock: s.clock, profiles: s.profiles, tracing: s.tracing, imports: s.imports, cases: s.cases, overrides: s.overrides,
        statuses: s.statuses, appeals: s.appeals, credentials: s.credentials, scans: s.scans, directory: s.directory, staff: s.staff,
        pharmacies: s.pharmacies, databaseHealth: s.databaseHealth, leadership: s.leadership, maxIngestRecords: s.settings.maxIngestRecords)
    // The busiest routes, served without the OpenAPI layer (same contract; see ScanRoute).
    ScanRoute(scans: s.scans).register(on: router)
    ScanBatchRoute(scans: s.scans).register(on: router)
    let transport = HandServedTransport(
        router: router,
        handServed: ["\(ScanRoute.method.rawValue) \(ScanRoute.path)", "\(ScanBatchRoute.method.rawValue) \(ScanBatchRoute.path)"])
    // Compact JSON: scanners and feeds read it by machine, and pretty printing costs on every response.
    try api.registerHandlers(on: transport, configuration: .init(dateTranscoder: RFC3339Transcoder(), jsonEncodingOptions: [.sortedKeys]))
    return router
}
