import Crypto
import Domain
import Foundation
import Supplies
import Testing

/// The lottery of DESIGN §5 against answers worked out by an independent implementation (Python's
/// hashlib and sorted, as in `scripts/recompute-lottery.py`).
@Suite struct LotteryTests {
    let seed = (0..<32).map { UInt8($0) }
    var entries: [(token: String, pharmacy: String)] {
        (0..<10).map { i in (Hex.encode(SHA256.hash(data: Array("t\(i)".utf8))), i % 2 == 1 ? "P1" : "P2") }
    }

    @Test func commitmentIsTheSeedsHash() {
        #expect(Lottery.commitment(seed: seed) == "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd")
        #expect(Lottery.matches(seedHex: Hex.encode(seed), commitment: Lottery.commitment(seed: seed)))
        var other = seed
        other[31] ^= 1
        #expect(!Lottery.matches(seedHex: Hex.encode(other), commitment: Lottery.commitment(seed: seed)))
        #expect(!Lottery.matches(seedHex: "zz", commitment: Lottery.commitment(seed: seed)))
    }

    @Test func winnersFollowTheRankingAndEachPharmacysUnits() {
        // Ranked 2, 5, 9, 6, 1, …: P2 has room for one entry of 2 units, P1 for two.
        let won = Lottery.draw(seed: seed, entries: entries, perEntry: 2, quantities: ["P1": 4, "P2": 2])
        #expect(won == [2, 5, 9])
    }

    @Test func aPharmacyOutsideTheRoundWinsNothingAndLeftoverUnitsStay() {
        var e = entries
        e[2].pharmacy = "P9"
        let won = Lottery.draw(seed: seed, entries: e, perEntry: 3, quantities: ["P1": 4, "P2": 2])
        // 3 units a winner: P1's 4 serve one entry, P2's 2 serve none.
        #expect(won == [5])
    }

    @Test func anotherSeedDrawsOthers() {
        var other = seed
        other[0] = 0xFF
        let a = Lottery.draw(seed: seed, entries: entries, perEntry: 1, quantities: ["P1": 2, "P2": 2])
        let b = Lottery.draw(seed: other, entries: entries, perEntry: 1, quantities: ["P1": 2, "P2": 2])
        #expect(a.count == 4 && b.count == 4)
        #expect(a != b)
    }

    @Test func theFastDrawIsTheRuleOnManyEntries() {
        // The rule written plainly (whole digests, a stable sort, a dictionary walk) against the draw.
        let seed = Lottery.newSeed()
        let entries = (0..<20_000).map { i in (token: Hex.encode(SHA256.hash(data: Array("entry \(i) \(seed)".utf8))), pharmacy: "P\(i % 37)") }
        let quantities = Dictionary(uniqueKeysWithValues: (0..<36).map { ("P\($0)", 3 * ($0 + 1)) })
        let ranked = entries.indices.map { (key: Array(Lottery.rankKey(seed: seed, token: entries[$0].token)), index: $0) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) || ($0.key == $1.key && $0.index < $1.index) }
        var left = quantities
        var expected: [Int] = []
        for r in ranked where (left[entries[r.index].pharmacy] ?? 0) >= 2 {
            left[entries[r.index].pharmacy, default: 0] -= 2
            expected.append(r.index)
        }
        #expect(Lottery.draw(seed: seed, entries: entries, perEntry: 2, quantities: quantities) == expected)
        // The document lists every entry and winner, its pieces (16,384 entries each) joined in order.
        var round = MaskRound(
            id: "R", product: "adult-mask", opensAt: Date(timeIntervalSince1970: 0), closesAt: Date(timeIntervalSince1970: 60), perEntry: 2,
            quantities: quantities, commitment: Lottery.commitment(seed: seed), seed: Hex.encode(seed), areaID: "A", areaPath: "/A/", createdBy: "t")
        round.state = .drawn
        let document = RoundDocument(round: round, entries: entries, winners: expected.map { entries[$0].token }).json()
        let parsed = try? JSONSerialization.jsonObject(with: Data(document)) as? [String: Any]
        #expect((parsed?["entries"] as? [[String: String]])?.map { $0["token"] ?? "" } == entries.map(\.token))
        #expect((parsed?["winners"] as? [String])?.count == expected.count && parsed?["seed"] as? String == Hex.encode(seed))
    }

    @Test func aDocumentEscapesWhatJSONMust() {
        let round = MaskRound(
            id: "R", product: "adult-mask", opensAt: Date(timeIntervalSince1970: 0), closesAt: Date(timeIntervalSince1970: 60), perEntry: 1,
            quantities: ["P\"1": 1], commitment: "c", seed: "s", areaID: "A", areaPath: "/A/", createdBy: "t")
        let document = RoundDocument(round: round, entries: [("aa", "P\"1"), ("bb", "药房\n")], winners: []).json()
        let parsed = try? JSONSerialization.jsonObject(with: Data(document)) as? [String: Any]
        #expect((parsed?["entries"] as? [[String: String]])?.map { $0["pharmacy"] ?? "" } == ["P\"1", "药房\n"])
        #expect(parsed?["seed"] is NSNull)  // not drawn: the seed stays secret
    }

    @Test func tokensAreOpaqueAndPerRound() {
        let key = RoundToken.newKey()
        let t = RoundToken.token(key: key, round: "R1", person: "P-1")
        #expect(t.count == 64 && t == t.lowercased())
        #expect(t == RoundToken.token(key: key, round: "R1", person: "P-1"))
        #expect(t != RoundToken.token(key: key, round: "R2", person: "P-1"))
        #expect(t != RoundToken.token(key: key, round: "R1", person: "P-2"))
        #expect(t != RoundToken.token(key: RoundToken.newKey(), round: "R1", person: "P-1"))
    }
}
