/// The thresholds of automatic contact tracing (DESIGN §4). Every number tracing uses comes from
/// here, so an outbreak's profile can change them without a release.
public struct TracingRules: Sendable, Equatable, Codable {
    /// The window opens this many days before onset (or the first positive sample).
    public var windowDaysBeforeOnset: Int = 4
    /// Cumulative overlap at places of `closeContactPlaceKinds` that makes a close contact.
    public var closeContactMinutes: Int = 15
    /// Kinds of place where co-presence counts towards a close contact.
    public var closeContactPlaceKinds: [PlaceKind] = [.venue, .checkpoint, .compound, .pharmacy]
    /// On the same vehicle trip, seats within this many rows of the case's are contacts.
    public var transportSeatRows: Int = 3
    /// Overlap on a vehicle that counts as being on the same trip.
    public var transportMinimumMinutes: Int = 1
    /// When a seat is unknown on either side, the whole vehicle counts (the cautious reading).
    public var transportUnknownSeatIsContact: Bool = true
    /// Cumulative overlap in the same telecom cell that makes a spatiotemporal companion.
    public var companionMinutes: Int = 10
    /// Whether contacts of close and household contacts are traced as secondary contacts.
    public var traceSecondaryContacts: Bool = true

    public init() {}

    public static let standard = TracingRules()
}

extension TracingRules {
    /// Keys left out of a profile file keep their default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = TracingRules()
        windowDaysBeforeOnset = try c.decodeIfPresent(Int.self, forKey: .windowDaysBeforeOnset) ?? d.windowDaysBeforeOnset
        closeContactMinutes = try c.decodeIfPresent(Int.self, forKey: .closeContactMinutes) ?? d.closeContactMinutes
        closeContactPlaceKinds = try c.decodeIfPresent([PlaceKind].self, forKey: .closeContactPlaceKinds) ?? d.closeContactPlaceKinds
        transportSeatRows = try c.decodeIfPresent(Int.self, forKey: .transportSeatRows) ?? d.transportSeatRows
        transportMinimumMinutes = try c.decodeIfPresent(Int.self, forKey: .transportMinimumMinutes) ?? d.transportMinimumMinutes
        transportUnknownSeatIsContact = try c.decodeIfPresent(Bool.self, forKey: .transportUnknownSeatIsContact) ?? d.transportUnknownSeatIsContact
        companionMinutes = try c.decodeIfPresent(Int.self, forKey: .companionMinutes) ?? d.companionMinutes
        traceSecondaryContacts = try c.decodeIfPresent(Bool.self, forKey: .traceSecondaryContacts) ?? d.traceSecondaryContacts
    }
}
