import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `cordon serve`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web server (pages, JSON API, /metrics, /healthz).",
        discussion: "On an empty store it first generates a demo city (--demo-residents, default 50,000) and prints one sign-in per role. Stops gracefully on SIGINT/SIGTERM: open requests and background work get 6 s to finish, and the process exits within 9 s of the signal whatever it is doing. GET /livez answers while the process runs; GET /healthz answers 503 with the reason while the database does not.")

    @Option(help: "Address to listen on (or CORDON_HOST).")
    var host: String?

    @Option(help: "Port to listen on (or CORDON_PORT).")
    var port: Int?

    @Option(help: "Residents of the demo city generated when the store is empty (0: start empty).")
    var demoResidents = 50_000

    @Option(help: "The most records one POST /api/v1/ingest/KIND may carry (or CORDON_MAX_INGEST_RECORDS; default 100,000).")
    var maxIngestRecords: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    @Option(help: "Require this bearer token on GET /metrics (or CORDON_METRICS_TOKEN); without it /metrics is open to whoever reaches the port.")
    var metricsToken: String?

    @Option(help: "Where people reach Cordon, e.g. https://cordon.city.gov.cn (or CORDON_PUBLIC_URL): an https address makes cookies Secure and __Host- and turns HSTS on.")
    var publicURL: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        ProcessMemory.configureAllocator()
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in ServerLogHandler(label: label, level: level) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        var logger = Logger(label: "cordon")
        logger.logLevel = level
        var settings = store.settings(host: host, port: port, maxIngestRecords: maxIngestRecords)
        if let problem = settings.problems.first { throw ValidationError(problem) }
        if let metricsToken, !metricsToken.isEmpty { settings.metricsToken = metricsToken }
        if let publicURL {
            guard let url = URL(string: publicURL), url.scheme == "https" || url.scheme == "http", url.host != nil else {
                throw ValidationError("--public-url \(publicURL): give the address people open, e.g. https://cordon.city.gov.cn")
            }
            settings.publicURL = publicURL
        }
        // An SMS provider must be able to tell our deliveries from anyone else's.
        if settings.notifications.webhookURL != nil, (settings.notifications.webhookSecret ?? "").isEmpty {
            throw ValidationError("CORDON_NOTIFY_WEBHOOK_SECRET: a notification webhook needs a secret to sign its deliveries with")
        }
        let services = try await CordonServices.open(settings, logger: logger)
        let demoResidents = demoResidents
        // Runs inside the application, once the store's connections run and the schema is current.
        let app = try await buildApplication(services: services, metrics: registry) { [logger] services in
            if demoResidents > 0, try await services.demo.storeIsEmpty() {
                logger.info("empty store: generating a demo city of \(demoResidents) residents")
                let accounts = try await DemoRunner.run(services: services, residents: demoResidents, seed: 2020)
                DemoRunner.printAccounts(accounts, settings: services.settings)
            } else if FileManager.default.fileExists(atPath: services.settings.demoAccountsFile.path) {
                print("demo sign-ins are in \(services.settings.demoAccountsFile.path)")
            }
            let version = try await services.store.schemaVersion()
            logger.info("storage: \(services.store.backendName), schema version \(version)")
            print("Cordon is serving on http://\(services.settings.host):\(services.settings.port)/")
            fflush(nil)
        }
        // SIGTERM or SIGINT: open requests and loops get 6 s to finish, then are cancelled; the
        // process ends within 9 s of the signal whatever it is doing (ShutdownDeadline).
        var group = ServiceGroupConfiguration(services: [app, MemoryTrimmer(logger: logger), ShutdownDeadline(logger: logger)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(6)
        try await ServiceGroup(configuration: group).run()
        try await services.store.close()
    }
}
