/// When a compound (小区) or community (社区) becomes a medium or high risk area (DESIGN §4).
public struct RiskAreaRules: Sendable, Equatable, Codable {
    /// Cases counted over this many days; an area with none in that time goes back to low.
    public var windowDays: Int = 14
    public var mediumCases: Int = 1
    public var highCases: Int = 5

    public init() {}

    public static let standard = RiskAreaRules()
}
