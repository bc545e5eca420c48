import Foundation

/// Goods travelling down the city: from the ledger's stock to a district or community (the ledger's
/// allocation), or from an area to one below it. The receiving level confirms; what an area holds
/// is what it confirmed receiving less what it sent on.
public struct SupplyShipment: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable {
        case sent, received
    }

    public var id: String
    public var item: String
    public var quantity: Int
    public var unit: String?
    /// nil: from the city's ledger (its allocation entry is `ledgerSeq`).
    public var fromArea: String?
    public var toArea: String
    public var toPath: String
    public var ledgerSeq: Int?
    public var state: State = .sent
    public var sentBy: String
    public var sentAt: Date
    public var receivedBy: String?
    public var receivedAt: Date?

    public init(id: String, item: String, quantity: Int, unit: String?, fromArea: String?, toArea: String, toPath: String, sentBy: String, sentAt: Date) {
        (self.id, self.item, self.quantity, self.unit, self.fromArea, self.toArea, self.toPath) = (id, item, quantity, unit, fromArea, toArea, toPath)
        (self.sentBy, self.sentAt) = (sentBy, sentAt)
    }
}

/// What an area holds of an item: confirmed in, sent on, and on its way to it.
public struct AreaStock: Sendable, Equatable {
    public var areaID: String
    public var item: String
    public var received: Int
    public var sentOn: Int
    public var inTransit: Int
    public var onHand: Int { received - sentOn }
    public init(areaID: String, item: String, received: Int, sentOn: Int, inTransit: Int) {
        (self.areaID, self.item, self.received, self.sentOn, self.inTransit) = (areaID, item, received, sentOn, inTransit)
    }
}
