import Crypto
import Domain

/// The reservation lottery of DESIGN §5: entries ranked by SHA-256(seed bytes ‖ token as ASCII),
/// ascending as bytes; walking the ranking, an entry wins when its pharmacy still has `perEntry`
/// units left, which it then takes. Nothing here is secret or random once the seed is revealed,
/// so anyone holding a round's published document gets the same winners.
public enum Lottery {
    /// A fresh secret seed of 32 bytes.
    public static func newSeed() -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// What a round publishes when it opens: lowercase hex SHA-256 of the seed.
    public static func commitment(seed: [UInt8]) -> String { Hex.encode(SHA256.hash(data: seed)) }

    /// Does a revealed seed match the commitment published before any entry?
    public static func matches(seedHex: String, commitment: String) -> Bool {
        guard let seed = Hex.decode(seedHex), seed.count == 32 else { return false }
        return Self.commitment(seed: seed) == commitment.lowercased()
    }

    /// An entry's rank key: SHA-256(seed ‖ token as ASCII).
    public static func rankKey(seed: [UInt8], token: String) -> [UInt8] {
        var h = SHA256()
        h.update(data: seed)
        h.update(data: Array(token.utf8))
        return Array(h.finalize())
    }

    /// The winners of a round, as indexes into `entries` in ranking order.
    public static func draw(seed: [UInt8], entries: [(token: String, pharmacy: String)], perEntry: Int, quantities: [String: Int]) -> [Int] {
        let ranked = entries.indices.map { (key: rankKey(seed: seed, token: entries[$0].token), index: $0) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) || ($0.key == $1.key && $0.index < $1.index) }
        var left = quantities
        var winners: [Int] = []
        for entry in ranked {
            let pharmacy = entries[entry.index].pharmacy
            guard let units = left[pharmacy], units >= perEntry else { continue }
            left[pharmacy] = units - perEntry
            winners.append(entry.index)
        }
        return winners
    }
}
