import Domain
import Foundation
import Logging
import Privacy
import StoragePostgres
import StorageSQLite

/// Everything a command or the server needs, opened once: the store (SQLite or PostgreSQL), the
/// personal-data vault and the clock. Tests build it on a temporary directory or database.
public struct CordonServices: Sendable {
    public let settings: CordonSettings
    public let store: any CordonStore
    public let vault: PersonalDataVault
    public let hasher: SHA256AuditChainHasher
    public let logger: Logger
    /// The in-memory timeline of presence; `serve` loads it, commands that trace load it on demand.
    public let timeline: TimelineService
    /// The outbreak rules (DESIGN §4): `profile.json` in the data directory, else the defaults.
    public let profiles: ProfileStore
    public var profile: OutbreakProfile { profiles.profile }
    /// Checkpoint scans: the cached checkpoints and the group-commit writer (shared by every request).
    public let checkpoints: CheckpointDirectory
    public let scanRecorder: ScanRecorder
    /// The health-code signing keys (`DATA_DIR/keys/signing`), located once: every scan verifies.
    public let signingKeys: SigningKeyRing
    /// Document Signer Certificates for EU DCC travel evidence (`DATA_DIR/keys/dcc`).
    public let dccTrust: DCCTrustStore
    /// Public pages and open data, computed at most every 15 s.
    public let publicCache = PublicCache()
    /// Bearer tokens recently seen (30 s), so API clients do not cost a database read per request.
    public let tokens = TokenCache()
    /// Failed traces since start, for `/metrics`.
    public let traceFailures = TraceFailureCounter()
    /// Injected so tests can move time; everything that stamps or expires uses it.
    public let now: @Sendable () -> Date

    public init(
        settings: CordonSettings, store: any CordonStore, vault: PersonalDataVault, logger: Logger, profile: OutbreakProfile = .standard,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.settings = settings
        self.store = store
        self.vault = vault
        self.hasher = SHA256AuditChainHasher()
        self.logger = logger
        self.profiles = ProfileStore(directory: settings.dataDirectory, initial: profile)
        self.timeline = TimelineService(store: store, logger: logger)
        self.now = now
        self.checkpoints = CheckpointDirectory(store: store)
        self.scanRecorder = ScanRecorder(store: store, timeline: timeline, now: now)
        self.signingKeys = SigningKeyRing(dataDirectory: settings.dataDirectory)
        self.dccTrust = DCCTrustStore(dataDirectory: settings.dataDirectory)
    }

    /// Opens the configured store (creating the data directory and keys on first use) and migrates it.
    public static func open(_ settings: CordonSettings, logger: Logger = Logger(label: "cordon")) async throws -> CordonServices {
        try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keys = try KeyMaterial.loadOrCreate(directory: settings.keysDirectory)
        let store: any CordonStore
        if let url = settings.databaseURL {
            store = try await PostgresStore.open(url: url, hasher: SHA256AuditChainHasher(), logger: logger)
        } else {
            store = try SQLiteStore.open(path: settings.sqlitePath, hasher: SHA256AuditChainHasher())
        }
        let profile = try OutbreakProfile.load(from: settings.dataDirectory.appendingPathComponent("profile.json"))
        return CordonServices(settings: settings, store: store, vault: PersonalDataVault(keyMaterial: keys), logger: logger, profile: profile)
    }

    /// A new audit event stamped now.
    public func event(_ actor: String, _ action: AuditAction, kind: String = "", id: String = "", detail: String = "") -> AuditEvent {
        AuditEvent(at: now(), actor: actor, action: action.rawValue, subjectKind: kind, subjectID: id, detail: detail)
    }
}
