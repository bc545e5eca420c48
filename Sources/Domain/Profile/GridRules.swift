/// Grid work (issue 6): how soon generated tasks are due, when they escalate, the daily report
/// cut-off and when quarantine follow-up counts as lost.
public struct GridRules: Sendable, Equatable, Codable {
    /// An arrival from a high-risk region is verified at home within this many hours.
    public var verifyArrivalHours: Int = 24
    /// A close contact's quarantine order is delivered within this many hours.
    public var quarantineOrderHours: Int = 12
    /// A compound with a case is screened door to door within this many hours.
    public var screeningHours: Int = 48
    /// A person in quarantine who missed yesterday's check-in is visited within this many hours.
    public var missedCheckInHours: Int = 12
    /// An overdue task goes one level up (community, street, district) every this many hours.
    public var escalateEveryHours: Int = 12
    /// Daily reports are due by this local time (minutes after midnight; 20:00).
    public var reportCutoffMinutes: Int = 1200
    /// This many days in a row not seen (and no own check-in) flag a person as lost to follow-up.
    public var lostAfterDays: Int = 2

    public init() {}

    public static let standard = GridRules()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = GridRules()
        verifyArrivalHours = try c.decodeIfPresent(Int.self, forKey: .verifyArrivalHours) ?? d.verifyArrivalHours
        quarantineOrderHours = try c.decodeIfPresent(Int.self, forKey: .quarantineOrderHours) ?? d.quarantineOrderHours
        screeningHours = try c.decodeIfPresent(Int.self, forKey: .screeningHours) ?? d.screeningHours
        missedCheckInHours = try c.decodeIfPresent(Int.self, forKey: .missedCheckInHours) ?? d.missedCheckInHours
        escalateEveryHours = try c.decodeIfPresent(Int.self, forKey: .escalateEveryHours) ?? d.escalateEveryHours
        reportCutoffMinutes = try c.decodeIfPresent(Int.self, forKey: .reportCutoffMinutes) ?? d.reportCutoffMinutes
        lostAfterDays = try c.decodeIfPresent(Int.self, forKey: .lostAfterDays) ?? d.lostAfterDays
    }
}
