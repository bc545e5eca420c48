/// The health-colour rules of DESIGN §4, every duration and count in one value of the profile.
public struct ColourRules: Sendable, Equatable, Codable {
    /// Close, household and transport contacts: red, quarantined this many days from the last exposure.
    public var quarantineDays: Int = 14
    /// Normal daily check-ins a quarantined person needs before release.
    public var quarantineCheckIns: Int = 14
    /// Whether release from quarantine needs a negative test taken in its last `testWithinLastDays`.
    public var quarantineNeedsNegativeTest: Bool = true
    public var testWithinLastDays: Int = 2
    /// Secondary contacts, companions, arrivals from high-risk regions and declared symptoms: yellow
    /// for this many days, with this many normal check-ins.
    public var yellowDays: Int = 7
    public var yellowCheckIns: Int = 7
    /// An arrival counts this many days.
    public var arrivalWindowDays: Int = 14
    /// Region codes whose arrivals turn yellow (GB/T 2260 or country codes).
    public var highRiskRegions: [String] = ["420100"]
    /// A check-in or declaration at or above this temperature is a fever.
    public var feverCelsius: Double = 37.3
    /// The longest a manual override may last.
    public var overrideMaxDays: Int = 14
    /// Reviewers answer an appeal within this many days.
    public var appealDeadlineDays: Int = 3
    /// Calendar days (for "one check-in a day") start at midnight of this UTC offset (Beijing: +480).
    public var dayOffsetMinutes: Int = 480

    public init() {}

    public static let standard = ColourRules()
}

extension ColourRules {
    /// Keys left out of a profile file keep their default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ColourRules()
        quarantineDays = try c.decodeIfPresent(Int.self, forKey: .quarantineDays) ?? d.quarantineDays
        quarantineCheckIns = try c.decodeIfPresent(Int.self, forKey: .quarantineCheckIns) ?? d.quarantineCheckIns
        quarantineNeedsNegativeTest = try c.decodeIfPresent(Bool.self, forKey: .quarantineNeedsNegativeTest) ?? d.quarantineNeedsNegativeTest
        testWithinLastDays = try c.decodeIfPresent(Int.self, forKey: .testWithinLastDays) ?? d.testWithinLastDays
        yellowDays = try c.decodeIfPresent(Int.self, forKey: .yellowDays) ?? d.yellowDays
        yellowCheckIns = try c.decodeIfPresent(Int.self, forKey: .yellowCheckIns) ?? d.yellowCheckIns
        arrivalWindowDays = try c.decodeIfPresent(Int.self, forKey: .arrivalWindowDays) ?? d.arrivalWindowDays
        highRiskRegions = try c.decodeIfPresent([String].self, forKey: .highRiskRegions) ?? d.highRiskRegions
        feverCelsius = try c.decodeIfPresent(Double.self, forKey: .feverCelsius) ?? d.feverCelsius
        overrideMaxDays = try c.decodeIfPresent(Int.self, forKey: .overrideMaxDays) ?? d.overrideMaxDays
        appealDeadlineDays = try c.decodeIfPresent(Int.self, forKey: .appealDeadlineDays) ?? d.appealDeadlineDays
        dayOffsetMinutes = try c.decodeIfPresent(Int.self, forKey: .dayOffsetMinutes) ?? d.dayOffsetMinutes
    }
}
