import Foundation

/// How many units of a product a pharmacy has on its shelves, as it last said (its page, the API,
/// or a feed), and when.
public struct PharmacyStock: Sendable, Equatable, Codable {
    public var pharmacy: String
    public var product: String
    public var units: Int
    public var updatedAt: Date
    /// The account or feed that set it.
    public var updatedBy: String

    public init(pharmacy: String, product: String, units: Int, updatedAt: Date, updatedBy: String) {
        (self.pharmacy, self.product, self.units, self.updatedAt, self.updatedBy) = (pharmacy, product, units, updatedAt, updatedBy)
    }
}

/// A pharmacy as the public sees it: where it is and what it has (the open-data feed, the map).
public struct PharmacyListing: Sendable, Equatable {
    public var place: Place
    /// Its area's names from the district down (the register holds no street address for places).
    public var address: String
    public var stock: [PharmacyStock]

    public init(place: Place, address: String, stock: [PharmacyStock]) { (self.place, self.address, self.stock) = (place, address, stock) }

    /// The latest update of any of its products (nil: never reported).
    public var updatedAt: Date? { stock.map(\.updatedAt).max() }
}

/// Why a stock update was refused.
public enum StockProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownProduct(String)
    case negative(product: String, units: Int)
    case notAPharmacy(String)

    public var description: String {
        switch self {
        case .unknownProduct(let p): "product: \(p) is not a product of the profile (supplies.products)"
        case .negative(let p, let n): "units of \(p): \(n) is below zero"
        case .notAPharmacy(let id): "place \(id) is not a pharmacy"
        }
    }

    public var field: String {
        switch self {
        case .unknownProduct: "product"
        case .negative: "units"
        case .notAPharmacy: "pharmacy"
        }
    }
}
