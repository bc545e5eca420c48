import Foundation

/// A shift at a checkpoint (卡口值守, around the clock): who is on it, and when they actually
/// started and ended.
public struct DutyShift: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var place: String
    public var startsAt: Date
    public var endsAt: Date
    /// Staff usernames or volunteers' names.
    public var staff: [String]
    public var startedAt: Date?
    public var endedAt: Date?

    public init(id: String, place: String, startsAt: Date, endsAt: Date, staff: [String], startedAt: Date? = nil, endedAt: Date? = nil) {
        self.id = id
        self.place = place
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.staff = staff
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
