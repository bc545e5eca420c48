import Foundation

/// A person's colour at one moment, and why: every reason names the rule and the facts behind it,
/// so the person, a reviewer and an appeal can see exactly what produced the colour.
public struct HealthStatus: Sendable, Equatable, Codable {
    public var person: String
    public var colour: HealthColour
    public var reasons: [StatusReason]
    /// When the colour ends if nothing else happens (nil for green, and for a case: until discharge).
    public var until: Date?
    /// What the person still has to do, in plain words keyed for translation.
    public var actions: [RequiredAction]
    /// The profile version the rules came from.
    public var profileVersion: Int
    public var computedAt: Date

    public init(
        person: String, colour: HealthColour, reasons: [StatusReason], until: Date?, actions: [RequiredAction], profileVersion: Int, computedAt: Date
    ) {
        self.person = person
        self.colour = colour
        self.reasons = reasons
        self.until = until
        self.actions = actions
        self.profileVersion = profileVersion
        self.computedAt = computedAt
    }
}

/// One rule that applies, with the facts it applied to (`case`, `place`, `from`, `arrival`…).
public struct StatusReason: Sendable, Equatable, Codable {
    public var rule: String
    public var colour: HealthColour
    public var facts: [String: String]
    public var until: Date?

    public init(rule: String, colour: HealthColour, facts: [String: String], until: Date?) {
        self.rule = rule
        self.colour = colour
        self.facts = facts
        self.until = until
    }
}

/// Something left to do before a colour ends.
public enum RequiredAction: Sendable, Equatable, Codable {
    /// `done` of `needed` normal daily check-ins.
    case checkIns(done: Int, needed: Int)
    /// A negative test sampled on or after `from`.
    case negativeTest(from: Date)
}
