import Foundation

/// A resident's appeal against a fact behind their colour (GB/T 38963's correction interface): which
/// fact, why, by when it must be answered, and the answer.
public struct Appeal: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var person: String
    /// The fact appealed against: `arrival`, `exposure` (the case id), `symptoms` or `other`.
    public var factKind: String
    public var factID: String?
    public var reason: String
    public var submittedBy: String
    public var submittedAt: Date
    public var deadline: Date
    public var state: AppealState
    public var decidedBy: String?
    public var decidedAt: Date?
    public var decision: String?

    public init(
        id: String, person: String, factKind: String, factID: String?, reason: String, submittedBy: String, submittedAt: Date, deadline: Date,
        state: AppealState = .open, decidedBy: String? = nil, decidedAt: Date? = nil, decision: String? = nil
    ) {
        self.id = id
        self.person = person
        self.factKind = factKind
        self.factID = factID
        self.reason = reason
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
        self.deadline = deadline
        self.state = state
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decision = decision
    }
}

public enum AppealState: String, Sendable, Codable {
    case open, upheld, dismissed
}

/// A fact found wrong (by an upheld appeal): the colour rules leave it out from then on, while the
/// record itself stays, for the audit.
public struct FactCorrection: Sendable, Equatable, Codable {
    public var person: String
    public var factKind: String
    public var factID: String
    public var appealID: String
    public var at: Date

    public init(person: String, factKind: String, factID: String, appealID: String, at: Date) {
        self.person = person
        self.factKind = factKind
        self.factID = factID
        self.appealID = appealID
        self.at = at
    }
}
