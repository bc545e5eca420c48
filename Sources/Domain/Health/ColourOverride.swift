import Foundation

/// An approved manual colour: the only way to set a colour by hand. It names its legal basis, expires
/// by itself, and was proposed and approved by two different people (DESIGN §7).
public struct ColourOverride: Sendable, Equatable, Codable {
    public var id: String
    public var person: String
    public var colour: HealthColour
    public var legalBasis: String
    public var from: Date
    public var until: Date
    public var proposer: String
    public var approver: String

    public init(id: String, person: String, colour: HealthColour, legalBasis: String, from: Date, until: Date, proposer: String, approver: String) {
        self.id = id
        self.person = person
        self.colour = colour
        self.legalBasis = legalBasis
        self.from = from
        self.until = until
        self.proposer = proposer
        self.approver = approver
    }
}
