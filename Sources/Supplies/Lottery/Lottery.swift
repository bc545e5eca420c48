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

    /// The winners of a round, as indexes into `entries` in ranking order.
    ///
    /// Built for a city's round (10 million entries): the rank keys are hashed on every core, each
    /// entry keeps the first eight bytes of its key (big-endian: they order like the bytes) and its
    /// pharmacy's number, a bucket sort ranks them, and keys whose first eight bytes tie (one pair in
    /// 2⁶⁴) are ordered by their whole digest, then by position, as a stable sort of the bytes would.
    public static func draw(seed: [UInt8], entries: [(token: String, pharmacy: String)], perEntry: Int, quantities: [String: Int]) -> [Int] {
        let pharmacies = Pharmacies(quantities)
        var ranked = keys(seed: seed, entries: entries, pharmacies: pharmacies)
        rank(&ranked, seed: seed, entries: entries)
        return walk(ranked, pharmacies: pharmacies, perEntry: perEntry)
    }

    /// The round's pharmacies numbered in the order of their ids, with their units.
    public struct Pharmacies: Sendable {
        let number: [String: UInt32]
        let units: [Int]
        static let outside = UInt32.max

        public init(_ quantities: [String: Int]) {
            let ordered = quantities.sorted { $0.key < $1.key }
            number = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element.key, UInt32($0.offset)) })
            units = ordered.map(\.value)
        }
    }

    /// Step 1: every entry's rank key (its first eight bytes), position and pharmacy, hashed on every core.
    public static func keys(seed: [UInt8], entries: [(token: String, pharmacy: String)], pharmacies: Pharmacies) -> [Ranked] {
        let n = entries.count
        return [Ranked](unsafeUninitializedCapacity: n) { out, count in
            nonisolated(unsafe) let out = out
            let chunks = max(1, min(n / 8192, 256))
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var message = [UInt8](repeating: 0, count: 32 + 64)
                message.replaceSubrange(0..<min(32, seed.count), with: seed.prefix(32))
                for i in (n * chunk / chunks)..<(n * (chunk + 1) / chunks) {
                    let key = prefix(key(seed: seed, token: entries[i].token, message: &message))
                    out[i] = Ranked(key: key, index: UInt32(i), pharmacy: pharmacies.number[entries[i].pharmacy] ?? Pharmacies.outside)
                }
            }
            count = n
        }
    }

    /// Step 2: the ranking — by key, ties of the first eight bytes by the whole digest, then by position.
    public static func rank(_ ranked: inout [Ranked], seed: [UInt8], entries: [(token: String, pharmacy: String)]) {
        bucketSort(&ranked)
        let n = ranked.count
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && ranked[j].key == ranked[i].key { j += 1 }
            if j - i > 1 {
                ranked[i..<j].sort { a, b in
                    let da = rankKey(seed: seed, token: entries[Int(a.index)].token), db = rankKey(seed: seed, token: entries[Int(b.index)].token)
                    return da != db ? Array(da).lexicographicallyPrecedes(Array(db)) : a.index < b.index
                }
            }
            i = j
        }
    }

    /// Step 3: walking the ranking, an entry wins while its pharmacy has `perEntry` units left.
    public static func walk(_ ranked: [Ranked], pharmacies: Pharmacies, perEntry: Int) -> [Int] {
        var left = pharmacies.units
        var winners: [Int] = []
        winners.reserveCapacity(min(ranked.count, left.reduce(0, +) / max(1, perEntry)))
        for r in ranked where r.pharmacy != Pharmacies.outside && left[Int(r.pharmacy)] >= perEntry {
            left[Int(r.pharmacy)] -= perEntry
            winners.append(Int(r.index))
        }
        return winners
    }

    /// An entry in the ranking: its key's first eight bytes, its position, its pharmacy's number.
    public struct Ranked: Sendable {
        var key: UInt64
        var index: UInt32
        var pharmacy: UInt32
    }

    /// The rank key, hashed in one call over a reused buffer: `message` holds the seed in its
    /// first 32 bytes (a token of another length than 64 goes the incremental way).
    static func key(seed: [UInt8], token: String, message: inout [UInt8]) -> SHA256.Digest {
        let fast: SHA256.Digest? = token.utf8.withContiguousStorageIfAvailable { bytes -> SHA256.Digest? in
            guard bytes.count == 64, seed.count == 32 else { return nil }
            return message.withUnsafeMutableBytes { buffer -> SHA256.Digest? in
                guard let to = buffer.baseAddress, let from = bytes.baseAddress else { return nil }
                to.advanced(by: 32).copyMemory(from: from, byteCount: 64)
                return SHA256.hash(data: UnsafeRawBufferPointer(buffer))
            }
        } ?? nil
        return fast ?? rankKey(seed: seed, token: token)
    }

    /// A rank key's first eight bytes as a big-endian integer.
    static func prefix(_ digest: SHA256.Digest) -> UInt64 {
        digest.withUnsafeBytes { raw in raw.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }
    }

    /// Sorts by key, then by position: one pass scatters the entries into 65,536 buckets by their
    /// keys' top 16 bits (keys are SHA-256 output, so the buckets are even), then the buckets are
    /// sorted on every core — cache-sized pieces instead of passes over the whole array.
    static func bucketSort(_ items: inout [Ranked]) {
        let n = items.count
        guard n > 1 else { return }
        var starts = [Int](repeating: 0, count: 65_537)
        for r in items { starts[Int(r.key >> 48) + 1] += 1 }
        for d in 1...65_536 { starts[d] += starts[d - 1] }
        var next = starts
        let bounds = starts
        // Every slot is written once by the scatter (the counts add up to n): no zeroing pass first.
        var out = [Ranked](unsafeUninitializedCapacity: n) { dst, count in
            for r in items {
                let d = Int(r.key >> 48)
                dst[next[d]] = r
                next[d] += 1
            }
            count = n
        }
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: 64) { part in
                for b in (65_536 * part / 64)..<(65_536 * (part + 1) / 64) where bounds[b + 1] - bounds[b] > 1 {
                    var bucket = UnsafeMutableBufferPointer(rebasing: buffer[bounds[b]..<bounds[b + 1]])
                    bucket.sort { ($0.key, $0.index) < ($1.key, $1.index) }
                }
            }
        }
        items = out
    }
}
