import Foundation

/// What a winning entry receives: units of a product at the pharmacy it chose, to collect with a
/// signed pickup code within the profile's `pickupDays`. Collected once; not collected in time, its
/// units go back into the pharmacy's quantity in the next round of the product.
public struct PickupAllocation: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable {
        case awaiting, collected
        /// Expired uncollected, and added to a later round.
        case returned
    }

    public var id: String
    public var round: String
    public var person: String
    public var token: String
    public var pharmacy: String
    public var product: String
    public var units: Int
    public var expiresAt: Date
    public var state: State = .awaiting
    public var collectedAt: Date?
    public var collectedBy: String?
    /// The round its units were returned to.
    public var returnedTo: String?

    public init(id: String, round: String, person: String, token: String, pharmacy: String, product: String, units: Int, expiresAt: Date) {
        (self.id, self.round, self.person, self.token, self.pharmacy, self.product, self.units, self.expiresAt) =
            (id, round, person, token, pharmacy, product, units, expiresAt)
    }
}

/// Why a pickup code was not honoured, in words for the pharmacist.
public enum PickupRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown
    case alreadyCollected(at: Date)
    case otherPharmacy(String)
    case expired(Date)
    case outOfStock(product: String, units: Int)

    public var description: String {
        switch self {
        case .unknown: "this pickup code is not one Cordon issued"
        case .alreadyCollected(let at): "already collected at \(Timestamp.format(at))"
        case .otherPharmacy(let p): "this code is for another pharmacy (\(p))"
        case .expired(let at): "this code expired at \(Timestamp.format(at))"
        case .outOfStock(let p, let n): "the pharmacy's stock of \(p) is below \(n)"
        }
    }
}
