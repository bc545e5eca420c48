import ContactTracing
import CordonAPI
import Domain
import Foundation
import Ingestion
import OpenAPIRuntime

/// The JSON API of `openapi.yaml`. Handlers only translate: the principal comes from the request
/// context (session or bearer token), reads go through `PersonDirectory`, imports through
/// `ImportRunner`, and domain errors become the spec's typed responses.
// A class, not a struct: the generated routes call the handlers through copies of it, and a copy
// of a struct of twenty services retained every reference inside them — a quarter of the CPU of
// a refused scan went to reference counting.
final class CordonAPIImplementation: APIProtocol, Sendable {
    /// The whole store: the health check asks its backend, schema version and a round trip.
    let store: any CordonStore
    let clock: WallClock
    let profiles: ProfileStore
    let tracing: CaseTracing
    let imports: ImportRunner
    let cases: CaseService
    let overrides: OverrideService
    let statuses: StatusService
    let appeals: AppealService
    let credentials: CredentialService
    let scans: ScanService
    let directory: PersonDirectory
    let staff: StaffAdministration
    let pharmacies: PharmacyService
    let databaseHealth: DatabaseHealth
    let leadership: Leadership
    /// The most records one ingest request may carry (send bigger files in batches).
    let maxIngestRecords: Int

    init(store: any CordonStore, clock: WallClock, profiles: ProfileStore, tracing: CaseTracing, imports: ImportRunner, cases: CaseService, overrides: OverrideService, statuses: StatusService, appeals: AppealService, credentials: CredentialService, scans: ScanService, directory: PersonDirectory, staff: StaffAdministration, pharmacies: PharmacyService, databaseHealth: DatabaseHealth, leadership: Leadership, maxIngestRecords: Int) {
        self.store = store
        self.clock = clock
        self.profiles = profiles
        self.tracing = tracing
        self.imports = imports
        self.cases = cases
        self.overrides = overrides
        self.statuses = statuses
        self.appeals = appeals
        self.credentials = credentials
        self.scans = scans
        self.directory = directory
        self.staff = staff
        self.pharmacies = pharmacies
        self.databaseHealth = databaseHealth
        self.leadership = leadership
        self.maxIngestRecords = maxIngestRecords
    }

    /// Who calls. A browser session opened with a one-time password is nobody here until the
    /// password is changed (pages send it to the form; the API answers 401).
    var principal: Principal? {
        guard let identity = RequestContextMiddleware.current?.identity, !identity.mustChangePassword else { return nil }
        return identity
    }

    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        let backend = Components.Schemas.Health.BackendPayload(rawValue: store.backendName) ?? .sqlite
        // Bounded: a monitor gets its answer within two seconds, the reason with a 503.
        var reason = await databaseHealth.probe()
        if reason == nil {
            do {
                return .ok(.init(body: .json(.init(status: .ok, backend: backend, schemaVersion: try await store.schemaVersion(), leader: leadership.isLeader))))
            } catch {
                reason = DatabaseHealth.describe(error)
            }
        }
        return .serviceUnavailable(.init(body: .json(.init(status: .unavailable, backend: backend, schemaVersion: 0, leader: leadership.isLeader, reason: reason))))
    }

    func me(_ input: Operations.Me.Input) async throws -> Operations.Me.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        var jurisdiction: Components.Schemas.AreaSummary? = nil
        if let id = principal.jurisdictionID, let area = try await store.area(id: id) { jurisdiction = Self.summary(area) }
        return .ok(.init(body: .json(.init(subject: principal.auditName, role: principal.role.rawValue, displayName: principal.displayName, jurisdiction: jurisdiction))))
    }

    func getArea(_ input: Operations.GetArea.Input) async throws -> Operations.GetArea.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        return try await Self.guarded(forbidden: { .forbidden($0) }, notFound: { .notFound($0) }) {
            let area = try await directory.area(input.path.id, as: principal)
            let children = try await directory.children(of: area, as: principal).map(Self.summary)
            let count = directory.mayListPeople(in: area, as: principal) ? try await store.residentCount(within: area.path) : 0
            return .ok(.init(body: .json(.init(area: Self.summary(area), parentId: area.parentID, geometry: area.geometry, children: children, residentCount: count))))
        }
    }

    func listAreaResidents(_ input: Operations.ListAreaResidents.Input) async throws -> Operations.ListAreaResidents.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        let limit = input.query.limit ?? 50
        guard (1...500).contains(limit) else { return .badRequest(Self.badLimit(limit, 1...500)) }
        return try await Self.guarded(forbidden: { .forbidden($0) }, notFound: { .notFound($0) }) {
            let area = try await directory.area(input.path.id, as: principal)
            let page = try await directory.residents(in: area, after: input.query.after, limit: limit, as: principal)
            return .ok(.init(body: .json(.init(items: page.map(Self.resident), next: page.count == limit ? page.last?.id : nil))))
        }
    }

    func getResident(_ input: Operations.GetResident.Input) async throws -> Operations.GetResident.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        return try await Self.guarded(forbidden: { .forbidden($0) }, notFound: { .notFound($0) }) {
            .ok(.init(body: .json(Self.resident(try await directory.resident(input.path.id, as: principal)))))
        }
    }

    /// Runs a read and turns a refusal of the access policy into the operation's 403 and a missing
    /// record into its 404.
    static func guarded<Output>(
        forbidden: (Components.Responses.Forbidden) -> Output, notFound: (Components.Responses.NotFound) -> Output, _ body: () async throws -> Output
    ) async throws -> Output {
        do {
            return try await body()
        } catch let denial as AccessPolicy.Denial {
            return forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        } catch StoreError.notFound(let kind, let id) {
            return notFound(.init(body: .json(.init(error: "not_found", message: "no \(kind) with id \(id)"))))
        }
    }

    func ingest(_ input: Operations.Ingest.Input) async throws -> Operations.Ingest.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        guard let kind = ImportKind(rawValue: input.path.kind.rawValue), let permission = Permission.ingest(kind.rawValue) else {
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: "unknown kind"))))
        }
        do {
            try await directory.authorize(principal, permission, kind: "ingest", id: kind.rawValue)
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
        let body: HTTPBody
        switch input.body {
        case .applicationXNdjson(let b): body = b
        case .csv(let b): body = b
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try await Data(collecting: body, upTo: 256 << 20))
        } catch {
            return .contentTooLarge(.init(body: .json(.init(error: "too_large", message: "the body is larger than 256 MiB; send it in batches"))))
        }
        guard !bytes.isEmpty else {
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: "the body is empty: send the records as NDJSON or CSV"))))
        }
        do {
            // Records must lie within the sender's jurisdiction (a token's area narrows it). A sender
            // whose jurisdiction is the whole tree (its only root) needs no check, and must not cost a
            // walk over every resident.
            var scope = principal.jurisdiction
            if let j = scope, j.rawValue.split(separator: "/").count == 1, try await store.children(of: nil).count == 1 { scope = nil }
            let report = try await imports.run(
                kind, reader: RecordReader(bytes: bytes), actor: principal.auditName, source: "api", maxRecords: maxIngestRecords, within: scope)
            return .ok(.init(body: .json(Self.report(report))))
        } catch let failure as ImportFailure {
            if case .bodyTooLarge = failure { return .contentTooLarge(.init(body: .json(.init(error: "too_large", message: failure.description)))) }
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: failure.description))))
        }
    }

    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        let limit = input.query.limit ?? 100
        guard (1...1000).contains(limit) else { return .badRequest(Self.badLimit(limit, 1...1000)) }
        let cases: [CaseFacts]
        do {
            // The cases of people in the principal's jurisdiction (the store filters).
            cases = try await tracing.cases(as: principal, limit: limit)
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
        return .ok(.init(body: .json(cases.map {
            .init(person: $0.person, status: .init(rawValue: $0.status.rawValue) ?? .suspected, firstPositiveSample: $0.firstPositiveSample)
        })))
    }

    func getCaseContacts(_ input: Operations.GetCaseContacts.Input) async throws -> Operations.GetCaseContacts.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        return try await Self.guarded(forbidden: { .forbidden($0) }, notFound: { .notFound($0) }) {
            .ok(.init(body: .json(Self.trace(try await tracing.trace(input.path.id, as: principal)))))
        }
    }

    // MARK: translation

    static func trace(_ r: TraceReport) -> Components.Schemas.TraceReport {
        func date(_ text: String) -> Date { Timestamp.parse(text).map { Date(timeIntervalSince1970: Double($0)) } ?? Date(timeIntervalSince1970: 0) }
        return .init(
            _case: r.case, window: .init(from: date(r.window.from), to: date(r.window.to)),
            contacts: r.contacts.map { c in
                .init(
                    person: c.person, category: .init(rawValue: c.category.rawValue) ?? .close, exposureMinutes: c.exposureMinutes,
                    evidence: c.evidence.map { .init(place: $0.place, from: date($0.from), to: date($0.to)) }, via: c.via)
            })
    }

    /// A page size outside what the operation documents: said, not silently clamped.
    static func badLimit(_ limit: Int, _ range: ClosedRange<Int>) -> Components.Responses.BadRequest {
        .init(body: .json(.init(error: "bad_request", message: "limit \(limit) is outside \(range.lowerBound)…\(range.upperBound)")))
    }

    static let unauthorized = Components.Responses.Unauthorized(body: .json(.init(error: "unauthorized", message: "sign in or send a bearer token")))

    static func summary(_ a: Area) -> Components.Schemas.AreaSummary {
        .init(id: a.id, name: a.name, level: .init(rawValue: a.level.rawValue) ?? .grid, path: a.path)
    }

    static func resident(_ r: SealedResident) -> Components.Schemas.Resident {
        .init(
            id: r.id, name: r.name, idType: .init(rawValue: r.idType.rawValue) ?? .other, idNumberMasked: r.idNumberMasked,
            sex: .init(rawValue: r.sex.rawValue) ?? .unknown, birthYear: r.birthYear, phoneMasked: r.phoneMasked,
            household: r.householdID, area: r.areaID, compound: r.compoundID)
    }

    static func report(_ r: ImportReport) -> Components.Schemas.ImportReport {
        .init(
            kind: r.kind, format: .init(rawValue: r.format) ?? .empty, loaded: r.loaded, unchanged: r.unchanged, rejected: r.rejected,
            merged: r.merged > 0 ? r.merged : nil, contradicted: r.contradicted > 0 ? r.contradicted : nil, problems: r.problems.map { .init(line: $0.line, field: $0.field, reason: $0.reason) })
    }
}
