import Dispatch
import Domain

/// A round's open-data document (DESIGN §5): `{"round", "product", "opensAt", "closesAt",
/// "commitment", "seed" (null until revealed), "perEntry", "quantities", "entries", "winners"}`,
/// written straight to bytes — a city's round holds millions of entries, so the entries are
/// written in parts on every core.
public enum RoundDocument {
    /// The document in one buffer.
    public static func json(round: MaskRound, entries: [(token: String, pharmacy: String)], winners: [String]) -> [UInt8] {
        let parts = self.parts(round: round, entries: entries, winners: winners)
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    /// The document as consecutive parts (to write to a file or a response without joining them).
    public static func parts(round: MaskRound, entries: [(token: String, pharmacy: String)], winners: [String]) -> [[UInt8]] {
        var head = Writer(capacity: 1024 + round.quantities.count * 32)
        head.raw("{\"round\":")
        head.quoted(round.id)
        head.raw(",\"product\":")
        head.quoted(round.product)
        head.raw(",\"opensAt\":")
        head.quoted(Timestamp.format(round.opensAt))
        head.raw(",\"closesAt\":")
        head.quoted(Timestamp.format(round.closesAt))
        head.raw(",\"commitment\":")
        head.quoted(round.commitment)
        head.raw(",\"seed\":")
        if let seed = round.publishedSeed { head.quoted(seed) } else { head.raw("null") }
        head.raw(",\"perEntry\":\(round.perEntry),\"quantities\":{")
        for (i, (pharmacy, units)) in round.quantities.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { head.byte(0x2C) }
            head.quoted(pharmacy)
            head.raw(":\(units)")
        }
        head.raw("},\"entries\":[")
        let chunks = max(1, min(entries.count / 65_536, 64))
        var bodies = [[UInt8]](repeating: [], count: chunks)
        bodies.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                out[chunk] = entryBytes(entries, (entries.count * chunk / chunks)..<(entries.count * (chunk + 1) / chunks))
            }
        }
        var tail = Writer(capacity: 16 + winners.count * 70)
        tail.raw("],\"winners\":[")
        for (i, w) in winners.enumerated() {
            if i > 0 { tail.byte(0x2C) }
            tail.quoted(w)
        }
        tail.raw("]}")
        return [head.bytes] + bodies + [tail.bytes]
    }

    static let open = Array(#"{"token":""#.utf8), middle = Array(#"","pharmacy":""#.utf8), close = Array(#""}"#.utf8)

    /// `{"token":"…","pharmacy":"…"}` for each entry of the range, comma-separated (and after a comma
    /// when it does not start the list), copied into a buffer sized exactly. Tokens and pharmacy ids
    /// are plain ASCII; should one hold a character JSON escapes, the range is written the careful way.
    static func entryBytes(_ entries: [(token: String, pharmacy: String)], _ range: Range<Int>) -> [UInt8] {
        var size = 0
        for i in range { size += entries[i].token.utf8.count + entries[i].pharmacy.utf8.count + open.count + middle.count + close.count + 1 }
        var escaped = false
        let fast = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            func copy(_ bytes: [UInt8]) {
                for b in bytes {
                    buffer[count] = b
                    count += 1
                }
            }
            func plain(_ s: String) -> Bool {
                s.utf8.withContiguousStorageIfAvailable { chars -> Bool in
                    for c in chars where c < 0x20 || c >= 0x7F || c == 0x22 || c == 0x5C { return false }
                    guard let from = chars.baseAddress, let to = buffer.baseAddress else { return chars.isEmpty }
                    (to + count).initialize(from: from, count: chars.count)
                    count += chars.count
                    return true
                } ?? false
            }
            for i in range {
                if i > 0 { copy([0x2C]) }
                copy(open)
                guard plain(entries[i].token) else { escaped = true; return }
                copy(middle)
                guard plain(entries[i].pharmacy) else { escaped = true; return }
                copy(close)
            }
        }
        guard escaped else { return fast }
        var w = Writer(capacity: size * 2)
        for i in range {
            if i > 0 { w.byte(0x2C) }
            w.raw("{\"token\":")
            w.quoted(entries[i].token)
            w.raw(",\"pharmacy\":")
            w.quoted(entries[i].pharmacy)
            w.byte(0x7D)
        }
        return w.bytes
    }

    struct Writer {
        var bytes: [UInt8]
        init(capacity: Int) {
            bytes = []
            bytes.reserveCapacity(capacity)
        }

        mutating func byte(_ b: UInt8) { bytes.append(b) }
        mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

        /// A JSON string: tokens and ids are plain ASCII and copied as they are; anything else goes
        /// through the canonical escaper.
        mutating func quoted(_ s: String) {
            let plain = s.utf8.withContiguousStorageIfAvailable { chars -> Bool in
                for c in chars where c < 0x20 || c >= 0x7F || c == 0x22 || c == 0x5C { return false }
                bytes.append(0x22)
                bytes.append(contentsOf: chars)
                bytes.append(0x22)
                return true
            }
            if plain != true { raw(CanonicalJSON.string(s).text) }
        }
    }
}
