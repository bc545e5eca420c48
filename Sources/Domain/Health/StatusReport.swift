import Foundation

/// A status in the public JSON contract of DESIGN §5 (`cordon status P --json`, the API):
/// `{"person", "colour", "reasons": [{"rule", "facts"}], "until"}`, plus the actions left and the
/// profile version.
public struct StatusReport: Sendable, Codable, Equatable {
    public var person: String
    public var colour: HealthColour
    public var reasons: [Reason]
    public var until: String?
    public var actions: [String]
    public var profileVersion: Int

    public struct Reason: Sendable, Codable, Equatable {
        public var rule: String
        public var colour: HealthColour
        public var facts: [String: String]
        public var until: String?
    }

    public init(_ s: HealthStatus) {
        person = s.person
        colour = s.colour
        reasons = s.reasons.map { Reason(rule: $0.rule, colour: $0.colour, facts: $0.facts, until: $0.until.map(Timestamp.format)) }
        until = s.until.map(Timestamp.format)
        actions = s.actions.map {
            switch $0 {
            case .checkIns(let done, let needed): "check-ins \(done)/\(needed)"
            case .negativeTest(let from): "negative test sampled from \(Timestamp.format(from))"
            }
        }
        profileVersion = s.profileVersion
    }
}
