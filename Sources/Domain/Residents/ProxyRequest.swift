import Foundation

/// A resident asking to hold the codes of someone without a phone (a child, an elderly parent):
/// it takes effect only when the grid worker or an officer of the dependant's area confirms it,
/// so nobody can attach themselves to a stranger by knowing an identity number.
public struct ProxyRequest: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable { case pending, confirmed, rejected }
    public enum Relation: String, Sendable, CaseIterable { case child, parent, spouse, relative, carer }

    public var id: String
    public var proxy: String
    public var dependant: String
    public var relation: Relation
    public var createdAt: Date
    public var state: State
    public var decidedBy: String?
    public var decidedAt: Date?

    public init(
        id: String, proxy: String, dependant: String, relation: Relation, createdAt: Date, state: State = .pending, decidedBy: String? = nil,
        decidedAt: Date? = nil
    ) {
        (self.id, self.proxy, self.dependant, self.relation, self.createdAt) = (id, proxy, dependant, relation, createdAt)
        (self.state, self.decidedBy, self.decidedAt) = (state, decidedBy, decidedAt)
    }
}
