import Crypto
import Dispatch
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
    public static func rankKey(seed: [UInt8], token: String) -> SHA256.Digest {
        var h = SHA256()
        h.update(data: seed)
        var token = token
        token.withUTF8 { h.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return h.finalize()
    }

    /// A rank key's first eight bytes as a big-endian integer: orders like the bytes themselves
    /// (ties, one in 2⁶⁴ pairs, fall back to the whole digest).
    static func prefix(_ digest: SHA256.Digest) -> UInt64 {
        digest.withUnsafeBytes { raw in raw.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }
    }

    /// The winners of a round, as indexes into `entries` in ranking order. The hashing is spread
    /// over the machine's cores (10 million entries make 10 million digests).
    public static func draw(seed: [UInt8], entries: [(token: String, pharmacy: String)], perEntry: Int, quantities: [String: Int]) -> [Int] {
        struct Ranked { var key: UInt64; var index: UInt32 }
        let n = entries.count
        var ranked = [Ranked](repeating: Ranked(key: 0, index: 0), count: n)
        ranked.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            let chunks = max(1, min(n / 4096, 64))
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in (n * chunk / chunks)..<(n * (chunk + 1) / chunks) {
                    out[i] = Ranked(key: prefix(rankKey(seed: seed, token: entries[i].token)), index: UInt32(i))
                }
            }
        }
        ranked.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            let da = rankKey(seed: seed, token: entries[Int(a.index)].token), db = rankKey(seed: seed, token: entries[Int(b.index)].token)
            if da != db { return Array(da).lexicographicallyPrecedes(Array(db)) }
            return a.index < b.index
        }
        // Pharmacies by number, so the walk looks up no strings.
        var number: [String: Int] = [:]
        var left: [Int] = []
        for (pharmacy, units) in quantities {
            number[pharmacy] = left.count
            left.append(units)
        }
        var winners: [Int] = []
        winners.reserveCapacity(min(n, quantities.values.reduce(0, +) / max(1, perEntry)))
        for r in ranked {
            let i = Int(r.index)
            guard let p = number[entries[i].pharmacy], left[p] >= perEntry else { continue }
            left[p] -= perEntry
            winners.append(i)
        }
        return winners
    }
}
