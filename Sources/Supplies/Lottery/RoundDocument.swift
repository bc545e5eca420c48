import Crypto
import Domain

/// A round's open-data document (DESIGN §5): `{"round", "product", "opensAt", "closesAt",
/// "commitment", "seed" (null until revealed), "perEntry", "quantities", "entries", "winners"}`.
///
/// A city's round holds millions of entries, a document of a gigabyte: it is kept as the entries
/// themselves and written piece by piece as a reader downloads it (pieces of `perPiece` entries,
/// each made on demand into a small buffer), never as one buffer per copy held in memory.
public struct RoundDocument: Sendable {
    public let round: MaskRound
    public let entries: [(token: String, pharmacy: String)]
    /// Winning tokens in ranking order.
    public let winners: [String]
    /// Entries per piece: a piece of about 1.5 MB stays in the caches while it is made.
    static let perPiece = 16_384

    /// Names this version of the document for HTTP caches: a round's document changes only with
    /// its head (its state, its seed) and with the numbers of entries and winners. Made once, not per request.
    public let version: String

    public init(round: MaskRound, entries: [(token: String, pharmacy: String)], winners: [String]) {
        self.round = round
        self.entries = entries
        self.winners = winners
        var h = SHA256()
        h.update(data: Self.head(of: round))
        h.update(data: Array("\(entries.count)/\(winners.count)".utf8))
        version = Hex.encode(h.finalize().prefix(16))
    }

    /// The head, the pieces of entries, the winners.
    public var pieces: Int { 2 + (entries.count + Self.perPiece - 1) / Self.perPiece }

    /// Piece `k` of the document's bytes (`0 ..< pieces`, in order).
    public func piece(_ k: Int) -> [UInt8] {
        if k == 0 { return head() }
        if k == pieces - 1 { return tail() }
        let from = (k - 1) * Self.perPiece
        return Self.entryBytes(entries, from..<min(entries.count, from + Self.perPiece))
    }

    /// The document in one buffer (a small round, a test).
    public func json() -> [UInt8] {
        var out: [UInt8] = []
        for k in 0..<pieces { out.append(contentsOf: piece(k)) }
        return out
    }

    func head() -> [UInt8] { Self.head(of: round) }

    static func head(of round: MaskRound) -> [UInt8] {
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
        return head.bytes
    }

    func tail() -> [UInt8] {
        var tail = Writer(capacity: 16 + winners.count * 70)
        tail.raw("],\"winners\":[")
        for (i, w) in winners.enumerated() {
            if i > 0 { tail.byte(0x2C) }
            tail.quoted(w)
        }
        tail.raw("]}")
        return tail.bytes
    }

    static let open = Array(#"{"token":""#.utf8), middle = Array(#"","pharmacy":""#.utf8), close = Array(#""}"#.utf8)

    /// `{"token":"…","pharmacy":"…"}` for each entry of the range, comma-separated (and after a comma
    /// when it does not start the list), copied into a buffer sized exactly. Tokens and pharmacy ids
    /// are plain ASCII; should one hold a character JSON escapes, the range is written the careful way.
    static func entryBytes(_ entries: [(token: String, pharmacy: String)], _ range: Range<Int>) -> [UInt8] {
        let fixed = open.count + middle.count + close.count + 1
        var size = 0
        for i in range { size += entries[i].token.utf8.count + entries[i].pharmacy.utf8.count + fixed }
        var escaped = false
        let fast = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            var at = base
            func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let from = bytes.baseAddress else { return }
                at.initialize(from: from, count: bytes.count)
                at += bytes.count
            }
            // Plain when no byte is a control, non-ASCII, a quote or a backslash: checked without
            // branching per byte, so the check runs at the speed of the copy.
            func plain(_ s: String) -> Bool {
                s.utf8.withContiguousStorageIfAvailable { chars -> Bool in
                    var bad: UInt8 = 0
                    for c in chars { bad |= ((c &- 0x20) >= 0x5F ? 1 : 0) | (c == 0x22 ? 1 : 0) | (c == 0x5C ? 1 : 0) }
                    guard bad == 0 else { return false }
                    copy(chars)
                    return true
                } ?? false
            }
            open.withUnsafeBufferPointer { open in
                middle.withUnsafeBufferPointer { middle in
                    close.withUnsafeBufferPointer { close in
                        for i in range {
                            if i > 0 {
                                at.initialize(to: 0x2C)
                                at += 1
                            }
                            copy(open)
                            guard plain(entries[i].token) else { escaped = true; return }
                            copy(middle)
                            guard plain(entries[i].pharmacy) else { escaped = true; return }
                            copy(close)
                        }
                    }
                }
            }
            count = escaped ? 0 : at - base
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
