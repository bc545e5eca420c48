import Configuration
import Domain
import Foundation

/// Where Cordon keeps its data and how it serves. Command-line flags win; otherwise environment
/// variables (`CORDON_DATA_DIR`, `CORDON_DATABASE_URL`, `CORDON_HOST`, `CORDON_PORT`,
/// `CORDON_BCRYPT_COST`, `CORDON_MAX_INGEST_RECORDS`, `CORDON_SECOND_FACTOR_ROLES`, …), read through swift-configuration; otherwise the defaults of DESIGN §5.
public struct CordonSettings: Sendable {
    /// The SQLite file, keys and demo accounts live here (default `./cordon-data`).
    public var dataDirectory: URL
    /// When set, PostgreSQL is used instead of SQLite.
    public var databaseURL: String?
    public var host: String
    public var port: Int
    /// bcrypt work factor for staff passwords (12 in production; tests lower it to stay fast).
    public var bcryptCost: UInt8
    /// How long a browser session lasts.
    public var sessionLifetime: TimeInterval
    /// The most records one `POST /api/v1/ingest/KIND` may carry; feeds send bigger loads in batches.
    public var maxIngestRecords: Int
    /// Where notifications go (`CORDON_NOTIFY_*`); without a webhook or a file, the development log.
    public var notifications = AlertSettings()
    /// How often sign-in may be tried per phone, account and client address.
    public var signInLimits = SignInLimits()
    /// A compound with fewer residents is disclosed as its community (`CORDON_DISCLOSURE_MIN_RESIDENTS`).
    public var disclosureMinimumResidents = 50
    /// When set (`--metrics-token`, `CORDON_METRICS_TOKEN`), `/metrics` answers only `Authorization: Bearer <it>`.
    public var metricsToken: String?
    /// Roles that sign in with a second factor (TOTP) after the password (`CORDON_SECOND_FACTOR_ROLES`:
    /// role names separated by commas, or `none`): by default the two that can change who is red.
    public var secondFactorRoles: Set<Role> = [.admin, .commandCentre]
    /// Where people reach Cordon (`--public-url`, `CORDON_PUBLIC_URL`): an `https://` address makes
    /// every cookie `Secure` and `__Host-` and turns HSTS on, even behind a proxy that does not say
    /// `X-Forwarded-Proto: https`.
    public var publicURL: String?
    /// What was wrong in the environment's settings (a mistyped role name): `serve` refuses to start on it.
    public var problems: [String] = []

    public init(
        dataDirectory: URL, databaseURL: String? = nil, host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 12,
        sessionLifetime: TimeInterval = 12 * 3600, maxIngestRecords: Int = 100_000
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.maxIngestRecords = max(1, maxIngestRecords)
    }

    /// Settings from flags (nil when not given) over the environment over defaults.
    public static func resolve(
        dataDirectory: String?, databaseURL: String?, host: String? = nil, port: Int? = nil, maxIngestRecords: Int? = nil
    ) -> CordonSettings {
        let env = ConfigReader(provider: EnvironmentVariablesProvider())
        let dir = dataDirectory ?? env.string(forKey: "cordon.data.dir") ?? "./cordon-data"
        let url = databaseURL ?? env.string(forKey: "cordon.database.url")
        return CordonSettings(
            dataDirectory: URL(fileURLWithPath: dir),
            databaseURL: url?.isEmpty == true ? nil : url,
            host: host ?? env.string(forKey: "cordon.host", default: "127.0.0.1"),
            port: port ?? env.int(forKey: "cordon.port", default: 8080),
            bcryptCost: UInt8(clamping: env.int(forKey: "cordon.bcrypt.cost", default: 12)),
            maxIngestRecords: maxIngestRecords ?? env.int(forKey: "cordon.max.ingest.records", default: 100_000))
        .with(
            notifications: AlertSettings(env: env), metricsToken: env.string(forKey: "cordon.metrics.token"),
            disclosureMinimumResidents: env.int(forKey: "cordon.disclosure.min.residents", default: 50),
            secondFactorRoles: env.string(forKey: "cordon.second.factor.roles"), publicURL: env.string(forKey: "cordon.public.url"))
    }

    func with(notifications: AlertSettings, metricsToken: String?, disclosureMinimumResidents: Int, secondFactorRoles: String?, publicURL: String?)
        -> CordonSettings
    {
        var copy = self
        copy.publicURL = publicURL?.isEmpty == true ? nil : publicURL
        if let secondFactorRoles {
            let names = secondFactorRoles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "none" }
            let unknown = names.filter { Role(rawValue: $0) == nil }
            if unknown.isEmpty {
                copy.secondFactorRoles = Set(names.compactMap(Role.init(rawValue:)))
            } else {
                // A mistyped role must not switch the second factor off: the default stays, and serve refuses to start.
                copy.problems.append(
                    "CORDON_SECOND_FACTOR_ROLES: \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) is not a role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")), or none)")
            }
        }
        copy.disclosureMinimumResidents = max(0, disclosureMinimumResidents)
        copy.notifications = notifications
        copy.metricsToken = metricsToken?.isEmpty == true ? nil : metricsToken
        return copy
    }

    public var sqlitePath: String { dataDirectory.appendingPathComponent("cordon.sqlite").path }
    public var keysDirectory: URL { dataDirectory.appendingPathComponent("keys") }
    public var demoAccountsFile: URL { dataDirectory.appendingPathComponent("demo-accounts.json") }
}
