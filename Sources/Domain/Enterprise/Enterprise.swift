import Foundation

/// A business registered to bring its staff back to work (复工复产): registered by an officer or
/// by the enterprise itself, approved by the officers of its district, then given accounts that
/// see this enterprise and nothing else.
public struct Enterprise: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waiting for the district.
        case pending
        case approved
        case refused
    }

    public var id: String
    public var name: String
    public var creditCode: String
    public var address: String
    public var areaID: String
    public var areaPath: String
    /// The contact person and their work phone (a business contact, like a staff work phone).
    public var contactName: String
    public var contactPhone: String
    public var state: State
    /// Who registered it: an officer's account, or `self` for the enterprise's own form.
    public var registeredBy: String
    public var registeredAt: Date
    public var decidedBy: String?
    public var decidedAt: Date?
    /// Why the district refused it.
    public var reason: String?

    public init(
        id: String, name: String, creditCode: String, address: String, areaID: String, areaPath: String, contactName: String, contactPhone: String,
        state: State = .pending, registeredBy: String, registeredAt: Date
    ) {
        (self.id, self.name, self.creditCode, self.address, self.areaID, self.areaPath) = (id, name, creditCode, address, areaID, areaPath)
        (self.contactName, self.contactPhone, self.state, self.registeredBy, self.registeredAt) = (contactName, contactPhone, state, registeredBy, registeredAt)
    }

    /// The id an enterprise gets: its credit code is unique and public (printed on its licence).
    public static func id(for code: CreditCode) -> String { "ENT-" + code.rawValue }
}
