import Foundation

/// One day of quarantine follow-up for one person: seen well, seen unwell, or not seen. Seen
/// counts as that day's check-in (with the temperature taken); not seen counts as a missed day,
/// which the colour rules turn into an extension.
public struct FollowUp: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var person: String
    public var day: CalendarDate
    public var outcome: FollowUpOutcome
    public var temperature: Double?
    public var by: String
    public var at: Date

    public init(id: String, person: String, day: CalendarDate, outcome: FollowUpOutcome, temperature: Double? = nil, by: String, at: Date) {
        self.id = id
        self.person = person
        self.day = day
        self.outcome = outcome
        self.temperature = temperature
        self.by = by
        self.at = at
    }

    /// The check-in a sighting records; nil when the person was not seen.
    public var checkIn: CheckIn? {
        switch outcome {
        case .well: CheckIn(person: person, at: at, temperature: temperature, symptoms: [], by: "follow-up:\(id)")
        case .unwell: CheckIn(person: person, at: at, temperature: temperature, symptoms: ["unwell"], by: "follow-up:\(id)")
        case .notSeen: nil
        }
    }
}

public enum FollowUpOutcome: String, Sendable, Codable, CaseIterable {
    case well
    case unwell
    case notSeen = "not-seen"
}
