import CordonAPI
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import OpenAPIHummingbird
import Prometheus

/// The composition root: wires the store, the engines and the web layer into one application.
/// Tests call it with their own services; `cordon serve` adds the metrics bootstrap around it.
public func buildApplication(
    services: CordonServices, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(services: services, metrics: metrics, maxIngestRecords: services.settings.maxIngestRecords)
    try await services.timeline.load()
    return Application(
        router: router,
        configuration: .init(address: .hostname(services.settings.host, port: services.settings.port), serverName: "cordon"),
        services: [
            OutboxDispatcher(services: services), TimelineKeeper(services: services), RulesKeeper(services: services),
        ],
        logger: services.logger)
}

/// The router alone, for tests that do not need the background services.
public func buildRouter(
    services: CordonServices, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), maxIngestRecords: Int? = nil
) async throws -> Router<CordonRequestContext> {
    let maxIngestRecords = maxIngestRecords ?? services.settings.maxIngestRecords
    let accounts = AccountService(services: services)
    let directory = PersonDirectory(services: services)
    let pages = try await PageRenderer.load()

    let router = Router(context: CordonRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    if let staticDirectory = Bundle.module.resourceURL?.appendingPathComponent("Static").path {
        router.add(middleware: FileMiddleware(staticDirectory, urlBasePath: "/static", cacheControl: .init([(MediaType(type: .any), [.maxAge(3600)])]), logger: services.logger))
    }
    // Maps and charts (later issues) come from Debian's libjs-* packages: no CDN in a cut-off city.
    if FileManager.default.fileExists(atPath: "/usr/share/javascript") {
        router.add(middleware: FileMiddleware("/usr/share/javascript", urlBasePath: "/js", cacheControl: .init([(MediaType(type: .any), [.maxAge(86400)])]), logger: services.logger))
    }
    router.add(middleware: SessionAuthenticator(accounts: accounts))
    router.add(middleware: BearerAuthenticator(accounts: accounts))
    router.add(middleware: DomainErrorMiddleware())

    router.get("metrics") { _, _ in
        var buffer: [UInt8] = []
        metrics.emit(into: &buffer)
        buffer.append(contentsOf: services.traceFailures.exposition.utf8)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }
    // Liveness: the process answers (`/healthz` also asks the database). Also the anchor route of
    // scripts/bench-checkpoint: the same middleware stack with no work behind it.
    router.get("livez") { _, _ in "ok" }
    router.get("openapi.yaml") { _, _ in
        guard let data = try? CordonAPISpec.document() else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    let pageGroup = router.group().add(middleware: HTMLErrorMiddleware(pages: pages))
    SignInController(accounts: accounts, pages: pages, sessionLifetime: services.settings.sessionLifetime).register(on: pageGroup)
    HomeController(services: services, directory: directory, pages: pages).register(on: pageGroup)
    AreaPagesController(services: services, directory: directory, pages: pages).register(on: pageGroup)
    CasePagesController(services: services, pages: pages).register(on: pageGroup)
    ProfilePagesController(services: services, pages: pages).register(on: pageGroup)
    RiskAreaPagesController(services: services, pages: pages).register(on: pageGroup)
    HealthPagesController(services: services, pages: pages).register(on: pageGroup)
    CredentialPagesController(services: services, pages: pages).register(on: pageGroup)
    GridTaskPagesController(services: services, pages: pages).register(on: pageGroup)
    FieldWorkPagesController(services: services, pages: pages).register(on: pageGroup)
    ReportPagesController(services: services, pages: pages).register(on: pageGroup)
    RosterPagesController(services: services, pages: pages).register(on: pageGroup)
    AssignmentPagesController(services: services, pages: pages).register(on: pageGroup)
    PublicPagesController(services: services, pages: pages).register(on: pageGroup)
    PublishingPagesController(services: services, pages: pages).register(on: pageGroup)
    OpenDataController(services: services).register(on: router)

    router.add(middleware: RequestContextMiddleware())
    let api = CordonAPIImplementation(services: services, directory: directory, maxIngestRecords: maxIngestRecords)
    // Compact JSON: scanners and feeds read it by machine, and pretty printing costs on every response.
    try api.registerHandlers(on: router, configuration: .init(jsonEncodingOptions: [.sortedKeys]))
    return router
}
