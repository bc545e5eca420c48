/// How the reproduction number is estimated (DESIGN §5, "Reproduction number"; Cori et al. 2013):
/// the serial interval of the disease, the sliding window, the prior, and how far to project.
public struct EpidemiologyRules: Sendable, Equatable, Codable {
    /// The serial interval (days from a case's onset to their infectees' onsets): a gamma
    /// distribution shifted by a day, by its mean and standard deviation.
    public var serialIntervalMean: Double = 4.7
    public var serialIntervalSD: Double = 2.9
    /// Each estimate covers the cases of this many days, ending on its day.
    public var windowDays: Int = 7
    /// The gamma prior of R (shape 1, scale 5: mean 5, sd 5, as EpiEstim's default).
    public var priorShape: Double = 1
    public var priorScale: Double = 5
    /// No estimate from a window holding fewer cases.
    public var minimumCases: Int = 12
    /// Days of cases projected by the renewal equation after the last estimate.
    public var projectionDays: Int = 7

    public init() {}

    public static let standard = EpidemiologyRules()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = EpidemiologyRules()
        serialIntervalMean = try c.decodeIfPresent(Double.self, forKey: .serialIntervalMean) ?? d.serialIntervalMean
        serialIntervalSD = try c.decodeIfPresent(Double.self, forKey: .serialIntervalSD) ?? d.serialIntervalSD
        windowDays = try c.decodeIfPresent(Int.self, forKey: .windowDays) ?? d.windowDays
        priorShape = try c.decodeIfPresent(Double.self, forKey: .priorShape) ?? d.priorShape
        priorScale = try c.decodeIfPresent(Double.self, forKey: .priorScale) ?? d.priorScale
        minimumCases = try c.decodeIfPresent(Int.self, forKey: .minimumCases) ?? d.minimumCases
        projectionDays = try c.decodeIfPresent(Int.self, forKey: .projectionDays) ?? d.projectionDays
    }
}
