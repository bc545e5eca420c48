import ArgumentParser
import Crypto
import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Supplies

/// `cordon bench lottery`: a reservation round of millions of entries drawn (every rank key hashed,
/// ranked, walked against the pharmacies' units) and published (its open-data document made piece by piece, as
/// a download makes it), against the floor of the same run: sorting as many SHA-256 digests.
struct BenchLotteryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lottery",
        abstract: "Draw and publish a reservation round of N entries, against sorting N SHA-256 digests in the same process (goal: ratio ≤ 2).")

    @Option(help: "Entries in the round.")
    var entries = 10_000_000

    @Option(help: "Pharmacies taking part.")
    var pharmacies = 2_000

    @Option(help: "Also write the document to this file and time it apart (the server serves it from memory).")
    var out: String?

    func run() throws {
        guard entries > 0, pharmacies > 0 else { throw ValidationError("--entries and --pharmacies must be at least 1") }
        print("preparing \(entries) entries at \(pharmacies) pharmacies (not timed)…")
        var g = SystemRandomNumberGenerator()
        let ids = (0..<pharmacies).map { "PH-\($0)" }
        // Opaque tokens like the round's (64 hex characters); their source does not change the work.
        var list: [(token: String, pharmacy: String)] = []
        list.reserveCapacity(entries)
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in 0..<entries {
            for j in 0..<4 { withUnsafeBytes(of: g.next()) { raw in for k in 0..<8 { bytes[j * 8 + k] = raw[k] } } }
            list.append((Hex.encode(bytes), ids[i % pharmacies]))
        }
        // A tenth of the entries can win: 5 units each.
        let perEntry = 5
        let quantities = Dictionary(uniqueKeysWithValues: ids.map { ($0, perEntry * max(1, entries / 10 / pharmacies)) })
        let seed = Lottery.newSeed()
        var round = MaskRound(
            id: "MR-bench", product: "adult-mask", opensAt: Date(), closesAt: Date(), perEntry: perEntry, quantities: quantities,
            commitment: Lottery.commitment(seed: seed), seed: Hex.encode(seed), areaID: "330100", areaPath: "/330100/", createdBy: "bench")
        round.state = .drawn

        // The floor: sort as many SHA-256 digests (compared as bytes), in this process.
        struct Digest: Comparable {
            var a: UInt64, b: UInt64, c: UInt64, d: UInt64
            static func < (x: Digest, y: Digest) -> Bool { (x.a, x.b, x.c, x.d) < (y.a, y.b, y.c, y.d) }
        }
        var digests = list.map { e -> Digest in
            let h = Array(SHA256.hash(data: Array(e.token.utf8)))
            func word(_ at: Int) -> UInt64 { h[at..<at + 8].reduce(0) { $0 << 8 | UInt64($1) } }
            return Digest(a: word(0), b: word(8), c: word(16), d: word(24))
        }
        let clock = ContinuousClock()
        let floor = clock.measure { digests.sort() }
        digests = []

        // The round: draw (its three steps timed apart), then publish its document.
        let numbered = Lottery.Pharmacies(quantities)
        var ranked: [Lottery.Ranked] = []
        var winners: [Int] = []
        let hashing = clock.measure { ranked = Lottery.keys(seed: seed, entries: list, pharmacies: numbered) }
        let ranking = clock.measure { Lottery.rank(&ranked, seed: seed, entries: list) }
        let walking = clock.measure { winners = Lottery.walk(ranked, pharmacies: numbered, perEntry: perEntry) }
        ranked = []
        let draw = hashing + ranking + walking
        // Published: the document held as the server holds it (the entries and the winners) and
        // every byte of it made, piece by piece, as one reader's download makes them.
        let document = RoundDocument(round: round, entries: list, winners: winners.map { list[$0].token })
        var size = 0
        let publish = clock.measure {
            for k in 0..<document.pieces { size += document.piece(k).count }
        }
        var written: Duration?
        if let out {
            written = try clock.measure { try Self.write(document, to: out) }
            try? FileManager.default.removeItem(atPath: out)
        }
        let total = draw + publish
        print(String(format: "sort %d SHA-256 digests (floor)    : %8.2f s", entries, seconds(floor)))
        print(String(format: "draw                                     : %8.2f s  (%d winners)", seconds(draw), winners.count))
        print(String(format: "  rank keys hashed                       : %8.2f s", seconds(hashing)))
        print(String(format: "  ranked                                 : %8.2f s", seconds(ranking)))
        print(String(format: "  walked against the units               : %8.2f s", seconds(walking)))
        print(String(format: "publish (the %4.0f MB document, streamed) : %8.2f s", Double(size) / 1e6, seconds(publish)))
        print(String(format: "drawn and published                      : %8.2f s", seconds(total)))
        print(String(format: "ratio to the floor                       : %.2f (goal ≤ 2)", seconds(total) / seconds(floor)))
        if let written { print(String(format: "(writing it to %@ took another %.2f s)", out ?? "", seconds(written))) }
    }

    /// Plain write(2) of each piece, as a server streams a response body.
    static func write(_ document: RoundDocument, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw ValidationError("cannot write \(path)") }
        defer { close(fd) }
        for k in 0..<document.pieces {
            try document.piece(k).withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress.map { $0 + done }, raw.count - done)
                    guard n > 0 else { throw ValidationError("cannot write \(path)") }
                    done += n
                }
            }
        }
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
