import Foundation

/// A reservation round (口罩预约): residents enter for a product at a pharmacy of their choice while
/// it is open; when it closes a lottery anyone can recompute draws the winners (DESIGN §5, "Mask
/// reservation lottery").
public struct MaskRound: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable {
        /// Taking entries (or scheduled, before `opensAt`).
        case open
        /// Drawn: entries, seed and winners published.
        case drawn
    }

    public var id: String
    public var product: String
    public var opensAt: Date
    public var closesAt: Date
    /// Units each winning entry receives.
    public var perEntry: Int
    /// Units offered at each pharmacy, by pharmacy id.
    public var quantities: [String: Int]
    /// Lowercase hex SHA-256 of the seed, published from the start.
    public var commitment: String
    /// Lowercase hex of the 32-byte seed: kept secret until the draw, then published.
    public var seed: String
    public var state: State
    /// The area whose pharmacies it serves (officers see rounds within their jurisdiction).
    public var areaID: String
    public var areaPath: String
    public var createdBy: String
    public var drawnAt: Date?
    /// Units added from allocations of earlier rounds no one collected, by pharmacy.
    public var returned: [String: Int] = [:]

    public init(
        id: String, product: String, opensAt: Date, closesAt: Date, perEntry: Int, quantities: [String: Int], commitment: String, seed: String,
        areaID: String, areaPath: String, createdBy: String
    ) {
        (self.id, self.product, self.opensAt, self.closesAt, self.perEntry, self.quantities) = (id, product, opensAt, closesAt, perEntry, quantities)
        (self.commitment, self.seed, self.state, self.areaID, self.areaPath, self.createdBy) = (commitment, seed, .open, areaID, areaPath, createdBy)
    }

    public func isOpen(at now: Date) -> Bool { state == .open && now >= opensAt && now < closesAt }

    /// Where the round stands for its readers: `scheduled`, `open`, `closed` (to be drawn) or `drawn`.
    public func phase(at now: Date) -> String {
        state == .drawn ? "drawn" : now < opensAt ? "scheduled" : now < closesAt ? "open" : "closed"
    }
    /// The seed as the public may see it: only once drawn.
    public var publishedSeed: String? { state == .drawn ? seed : nil }
    public var totalUnits: Int { quantities.values.reduce(0, +) }
}

/// One person's entry in a round. The token is what is published; the person never is.
public struct RoundEntry: Sendable, Equatable, Codable {
    public var round: String
    public var person: String
    /// Lowercase hex HMAC-SHA256 of the round and person under the round's key.
    public var token: String
    public var pharmacy: String
    /// The account that entered it: the person, or a proxy for a dependant.
    public var enteredBy: String
    public var enteredAt: Date
    public var won: Bool = false

    public init(round: String, person: String, token: String, pharmacy: String, enteredBy: String, enteredAt: Date) {
        (self.round, self.person, self.token, self.pharmacy, self.enteredBy, self.enteredAt) = (round, person, token, pharmacy, enteredBy, enteredAt)
    }
}
