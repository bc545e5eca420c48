/// The rules of one outbreak, every threshold in one value (DESIGN §4). The cases issue makes it a
/// versioned, audited file in the data directory; tracing reads its `tracing` part.
public struct OutbreakProfile: Sendable, Equatable, Codable {
    public var version: Int = 1
    public var tracing: TracingRules = .standard
    public var colours: ColourRules = .standard
    public var riskAreas: RiskAreaRules = .standard
    public var credentials: CredentialRules = .standard
    public var grid: GridRules = .standard
    public var epidemiology: EpidemiologyRules = .standard
    public var feeds: FeedRules = .standard
    public var enterprises: EnterpriseRules = .standard
    public var supplies: SupplyRules = .standard
    /// How long presence is kept, in the store and in the timeline index.
    public var retentionDays: Int = 21
    /// A positive PCR result confirms a case without an epidemiologist (antigen only suspects).
    public var autoConfirm: Bool = true

    public init() {}

    public static let standard = OutbreakProfile()
}

extension OutbreakProfile {
    /// Keys left out of a profile file keep their default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = OutbreakProfile()
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? d.version
        tracing = try c.decodeIfPresent(TracingRules.self, forKey: .tracing) ?? d.tracing
        colours = try c.decodeIfPresent(ColourRules.self, forKey: .colours) ?? d.colours
        riskAreas = try c.decodeIfPresent(RiskAreaRules.self, forKey: .riskAreas) ?? d.riskAreas
        credentials = try c.decodeIfPresent(CredentialRules.self, forKey: .credentials) ?? d.credentials
        grid = try c.decodeIfPresent(GridRules.self, forKey: .grid) ?? d.grid
        epidemiology = try c.decodeIfPresent(EpidemiologyRules.self, forKey: .epidemiology) ?? d.epidemiology
        feeds = try c.decodeIfPresent(FeedRules.self, forKey: .feeds) ?? d.feeds
        enterprises = try c.decodeIfPresent(EnterpriseRules.self, forKey: .enterprises) ?? d.enterprises
        supplies = try c.decodeIfPresent(SupplyRules.self, forKey: .supplies) ?? d.supplies
        retentionDays = try c.decodeIfPresent(Int.self, forKey: .retentionDays) ?? d.retentionDays
        autoConfirm = try c.decodeIfPresent(Bool.self, forKey: .autoConfirm) ?? d.autoConfirm
    }
}

extension OutbreakProfile {
    /// The city's wall clock (`colours.dayOffsetMinutes` from UTC).
    public var localTime: LocalTime { LocalTime(offsetMinutes: colours.dayOffsetMinutes) }
}
