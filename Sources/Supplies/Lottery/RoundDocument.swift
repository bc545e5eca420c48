import Domain

/// A round's open-data document (DESIGN §5): `{"round", "product", "opensAt", "closesAt",
/// "commitment", "seed" (null until revealed), "perEntry", "quantities", "entries", "winners"}`,
/// written straight to bytes — a city's round holds millions of entries.
public enum RoundDocument {
    public static func json(round: MaskRound, entries: [(token: String, pharmacy: String)], winners: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(400 + entries.count * 100 + winners.count * 70)
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func quoted(_ s: String) {
            // Tokens and ids are plain ASCII; anything else goes through the canonical escaper.
            if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
                out.append(0x22)
                out.append(contentsOf: s.utf8)
                out.append(0x22)
            } else {
                raw(CanonicalJSON.string(s).text)
            }
        }
        raw("{\"round\":")
        quoted(round.id)
        raw(",\"product\":")
        quoted(round.product)
        raw(",\"opensAt\":")
        quoted(Timestamp.format(round.opensAt))
        raw(",\"closesAt\":")
        quoted(Timestamp.format(round.closesAt))
        raw(",\"commitment\":")
        quoted(round.commitment)
        raw(",\"seed\":")
        if let seed = round.publishedSeed { quoted(seed) } else { raw("null") }
        raw(",\"perEntry\":\(round.perEntry),\"quantities\":{")
        for (i, (pharmacy, units)) in round.quantities.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out.append(0x2C) }
            quoted(pharmacy)
            raw(":\(units)")
        }
        raw("},\"entries\":[")
        for (i, e) in entries.enumerated() {
            if i > 0 { out.append(0x2C) }
            raw("{\"token\":")
            quoted(e.token)
            raw(",\"pharmacy\":")
            quoted(e.pharmacy)
            out.append(0x7D)
        }
        raw("],\"winners\":[")
        for (i, w) in winners.enumerated() {
            if i > 0 { out.append(0x2C) }
            quoted(w)
        }
        raw("]}")
        return out
    }
}
