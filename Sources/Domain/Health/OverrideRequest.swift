import Foundation

/// A proposed manual colour change and what became of it. It takes effect only when a second person
/// with the right role and jurisdiction approves it (`OverridePolicy`).
public struct OverrideRequest: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var person: String
    public var colour: HealthColour
    public var legalBasis: String
    public var until: Date
    public var proposer: String
    public var proposedAt: Date
    public var state: OverrideState
    public var approver: String?
    public var decidedAt: Date?
    public var decisionNote: String?

    public init(
        id: String, person: String, colour: HealthColour, legalBasis: String, until: Date, proposer: String, proposedAt: Date,
        state: OverrideState = .proposed, approver: String? = nil, decidedAt: Date? = nil, decisionNote: String? = nil
    ) {
        self.id = id
        self.person = person
        self.colour = colour
        self.legalBasis = legalBasis
        self.until = until
        self.proposer = proposer
        self.proposedAt = proposedAt
        self.state = state
        self.approver = approver
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
    }

    /// The override in force once approved (from the approval until its expiry).
    public var approved: ColourOverride? {
        guard state == .approved, let approver, let decidedAt else { return nil }
        return ColourOverride(id: id, person: person, colour: colour, legalBasis: legalBasis, from: decidedAt, until: until, proposer: proposer, approver: approver)
    }
}

public enum OverrideState: String, Sendable, Codable {
    case proposed, approved, rejected
}
