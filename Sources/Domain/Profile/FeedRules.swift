/// How often each data source is expected to deliver (the command centre's "feeds" view and its
/// late-feed alerts). Keys are a source (`token:labs-feed`, `checkpoint-scans`) or an import kind
/// (`presence`); a source's own entry wins over its kind's.
public struct FeedRules: Sendable, Equatable, Codable {
    /// Minutes without new records after which a source is late.
    public var expectedMinutes: [String: Int] = ["presence": 60, "labs": 360, "arrivals": 360]

    public init() {}

    public static let standard = FeedRules()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        expectedMinutes = try c.decodeIfPresent([String: Int].self, forKey: .expectedMinutes) ?? FeedRules().expectedMinutes
    }
}
