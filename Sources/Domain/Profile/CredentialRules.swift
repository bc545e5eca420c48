/// How long health codes live (DESIGN §5): minutes on a phone, days on paper.
public struct CredentialRules: Sendable, Equatable, Codable {
    public var phoneLifetimeSeconds: Int = 300
    public var paperLifetimeDays: Int = 7
    /// Scanner and phone clocks drift: this much either way is tolerated.
    public var clockSkewSeconds: Int = 60
    /// The issuer region written into every code.
    public var issuer: String = "CN-330100"
    /// How long a checkpoint may work without the server: a scan queued offline is accepted this
    /// long after it was made, and the trust list it checked codes with expires after as long.
    public var offlineWindowHours: Int = 24

    public init() {}

    public static let standard = CredentialRules()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CredentialRules()
        phoneLifetimeSeconds = try c.decodeIfPresent(Int.self, forKey: .phoneLifetimeSeconds) ?? d.phoneLifetimeSeconds
        paperLifetimeDays = try c.decodeIfPresent(Int.self, forKey: .paperLifetimeDays) ?? d.paperLifetimeDays
        clockSkewSeconds = try c.decodeIfPresent(Int.self, forKey: .clockSkewSeconds) ?? d.clockSkewSeconds
        issuer = try c.decodeIfPresent(String.self, forKey: .issuer) ?? d.issuer
        offlineWindowHours = try c.decodeIfPresent(Int.self, forKey: .offlineWindowHours) ?? d.offlineWindowHours
    }
}
