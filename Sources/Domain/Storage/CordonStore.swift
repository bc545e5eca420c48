/// Everything Cordon keeps, behind one value. Implemented on SQLite (GRDB) and on PostgreSQL.
public protocol CordonStore: AreaRepository, PlaceRepository, ResidentRepository, FeedRepository, HealthRepository, AccountRepository, GridRepository, PublicInformationRepository,
    AuditLogRepository,
    OutboxRepository, SealedDataRepository, RegistrationRepository, HelpRequestRepository, CommandRepository, EnterpriseRepository, SupplyRepository,
    LeaseRepository
{
    /// `sqlite` or `postgres`, for logs and the health check.
    var backendName: String { get }
    /// The schema version after migrations.
    func schemaVersion() async throws -> Int
    /// Cheap round trip used by `/healthz`.
    func ping() async throws
    /// Brings the schema up to date (pending migrations). SQLite does it when the file opens;
    /// PostgreSQL once its connection pool runs.
    func migrate() async throws
    func close() async throws
    /// Bytes the database engine holds in this process (SQLite's page caches fill up to their
    /// limit as pages are read), for `/metrics`; nil when the database runs elsewhere.
    var memoryBytes: Int? { get }
}

/// Failures a store reports in domain terms; driver errors are wrapped, never shown to clients.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicate(kind: String, key: String)
    case notFound(kind: String, id: String)
    case unavailable(String)

    public var description: String {
        switch self {
        case .duplicate(let k, let key): "a \(k) named \(key) already exists"
        case .notFound(let k, let id): "no \(k) with id \(id)"
        case .unavailable(let why): "the database is unavailable: \(why)"
        }
    }
}
