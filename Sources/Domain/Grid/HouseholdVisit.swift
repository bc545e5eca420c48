import Foundation

/// A door-to-door screening visit to one household (横到边、竖到底): who was there, their temperature
/// and symptoms, and travel. Each member seen becomes a check-in whose submitter is the visit, so a
/// fever found at the door changes that resident's colour with the visit as the reason.
public struct HouseholdVisit: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var household: String
    public var gridPath: String
    public var at: Date
    public var by: String
    public var members: [MemberCheck]
    /// Travel reported at the door (regions and dates, as said).
    public var travel: String?

    public init(id: String, household: String, gridPath: String, at: Date, by: String, members: [MemberCheck], travel: String? = nil) {
        self.id = id
        self.household = household
        self.gridPath = gridPath
        self.at = at
        self.by = by
        self.members = members
        self.travel = travel
    }

    /// The check-ins this visit records: one per member present.
    public var checkIns: [CheckIn] {
        members.filter(\.present).map { CheckIn(person: $0.person, at: at, temperature: $0.temperature, symptoms: $0.symptoms, by: "visit:\(id)") }
    }

    public func fevers(feverCelsius: Double) -> Int {
        members.filter { $0.present && !($0.temperature.map { $0 < feverCelsius } ?? true) }.count
    }
}

public struct MemberCheck: Sendable, Equatable, Codable {
    public var person: String
    public var present: Bool
    public var temperature: Double?
    public var symptoms: [String]

    public init(person: String, present: Bool, temperature: Double? = nil, symptoms: [String] = []) {
        self.person = person
        self.present = present
        self.temperature = temperature
        self.symptoms = symptoms
    }
}
