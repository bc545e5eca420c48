import Foundation

/// A person's link to the enterprise that employs them. The enterprise proposes it; it counts only
/// once the person confirmed it on their own page (or staff confirmed it with the person present),
/// so no enterprise can watch the colour of someone who never agreed to it.
public struct Employment: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Proposed by the enterprise; the enterprise sees only that it waits.
        case awaitingConsent = "awaiting-consent"
        case confirmed
        /// Declined by the person, or ended by the enterprise.
        case ended
    }

    public var enterpriseID: String
    public var person: String
    public var state: State
    public var proposedBy: String
    public var proposedAt: Date
    /// `resident:ID` when the person confirmed, a staff account when staff did.
    public var decidedBy: String?
    public var decidedAt: Date?

    public init(enterpriseID: String, person: String, state: State = .awaitingConsent, proposedBy: String, proposedAt: Date) {
        (self.enterpriseID, self.person, self.state, self.proposedBy, self.proposedAt) = (enterpriseID, person, state, proposedBy, proposedAt)
    }
}

/// What an enterprise may know of an employee: the colour and whether they may come to work today,
/// never why (the minimum the seeds' 企业员工健康码 needed).
public struct EmployeeFitness: Sendable, Equatable {
    public var person: String
    /// The name on the person's record (the enterprise knows whom it employs).
    public var name: String
    public var state: Employment.State
    /// Nil until the person consented.
    public var colour: HealthColour?
    public var fitForWork: Bool?

    public init(person: String, name: String, state: Employment.State, colour: HealthColour?) {
        (self.person, self.name, self.state, self.colour) = (person, name, state, colour)
        fitForWork = colour.map { $0 == .green }
    }
}
