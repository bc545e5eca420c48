import Foundation

/// A help request or a report (求助、反映, the seeds' 畅通沟通渠道): sent by a resident, a proxy or
/// anyone with a phone, it becomes a task for the grid of the address; the sender follows its
/// state and answer. A report about a person never changes anyone's colour: a worker checks first.
public struct HelpRequest: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case help, report }
    public enum Category: String, Sendable, CaseIterable {
        // Help
        case medicine, food, ride, other
        // Reports
        case newcomer, gathering

        public var kinds: Set<Kind> {
            switch self {
            case .medicine, .food, .ride: [.help]
            case .newcomer, .gathering: [.report]
            case .other: [.help, .report]
            }
        }
    }
    public enum State: String, Sendable, CaseIterable { case open, answered }

    public var id: String
    public var kind: Kind
    public var category: Category
    public var text: String
    /// The compound the request is about (it places it in a grid) and free detail (building, room).
    public var compoundID: String
    public var address: String?
    public var gridID: String
    public var gridPath: String
    /// Who sent it: a resident's id, or only the phone's blind index (and its masked form).
    public var senderResident: String?
    public var senderPhoneIndex: Data?
    public var senderPhoneMasked: String?
    /// SHA-256 of the link the sender follows it with (shown once).
    public var followHash: Data
    public var createdAt: Date
    public var state: State
    public var answer: String?
    public var answeredBy: String?
    public var answeredAt: Date?

    public init(
        id: String, kind: Kind, category: Category, text: String, compoundID: String, address: String?, gridID: String, gridPath: String,
        senderResident: String?, senderPhoneIndex: Data?, senderPhoneMasked: String?, followHash: Data, createdAt: Date, state: State = .open,
        answer: String? = nil, answeredBy: String? = nil, answeredAt: Date? = nil
    ) {
        (self.id, self.kind, self.category, self.text, self.compoundID, self.address) = (id, kind, category, text, compoundID, address)
        (self.gridID, self.gridPath, self.senderResident, self.senderPhoneIndex, self.senderPhoneMasked) = (gridID, gridPath, senderResident, senderPhoneIndex, senderPhoneMasked)
        (self.followHash, self.createdAt, self.state, self.answer, self.answeredBy, self.answeredAt) = (followHash, createdAt, state, answer, answeredBy, answeredAt)
    }
}
