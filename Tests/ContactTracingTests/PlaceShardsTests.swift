import Domain
import Testing
@testable import ContactTracing

/// The timeline split by place gives exactly the close contacts of one index.
@Suite("Timeline split by place")
struct PlaceShardsTests {
    /// A small city over five days: people moving between venues, checkpoints, compounds (which count
    /// for close contact) and vehicles and cells (which do not), with stays that overlap in every way.
    static func events() -> [(person: String, place: String, start: UInt32, end: UInt32)] {
        var random = SplitMix(seed: 2020)
        let day0 = Minutes.of(seconds: 1_763_971_200)
        var out: [(String, String, UInt32, UInt32)] = []
        for _ in 0..<6_000 {
            let person = "P\(random.next() % 300)"
            let place = "L\(random.next() % 40)"
            let start = day0 + UInt32(random.next() % (5 * 1440))
            out.append((person, place, start, start + 1 + UInt32(random.next() % 90)))
        }
        return out
    }

    static func kind(_ place: String) -> PlaceKind {
        let n = Int(place.dropFirst()) ?? 0
        return [.venue, .checkpoint, .compound, .pharmacy, .vehicle, .cell][n % 6]
    }

    static func tracer(_ events: [(person: String, place: String, start: UInt32, end: UInt32)]) -> ContactTracer {
        var index = TimelineIndex()
        for place in Set(events.map(\.place)).sorted() { index.addPlace(place, kind: kind(place)) }
        for e in events { index.add(person: e.person, place: e.place, start: e.start, end: e.end, seatRow: nil) }
        return ContactTracer(index: index, rules: .standard)
    }

    @Test("N shards by place return exactly the single index's close contacts and minutes", arguments: [2, 3, 7])
    func shardsAgree(count: Int) {
        let events = Self.events()
        let single = Self.tracer(events)
        let shards = PlaceShards((0..<count).map { k in Self.tracer(events.filter { PlaceShards.shard(of: $0.place, count: count) == k }) })
        // Every shard holds some places: the split is a real one.
        #expect(shards.shards.allSatisfy { $0.index.eventCount > 0 })
        let window = TraceWindow(from: Minutes.of(seconds: 1_763_971_200), to: Minutes.of(seconds: 1_763_971_200) + 5 * 1440)
        var contacts = 0
        var acrossShards = 0
        for case_ in (0..<300).map({ "P\($0)" }) {
            guard let p = single.index.people.number(of: case_) else { continue }
            let expected = Dictionary(uniqueKeysWithValues: single.closeContactMinutes(of: p, window: window).map { (single.index.people.name(of: $0.key), $0.value) })
            let split = shards.closeContactMinutes(of: case_, window: window)
            #expect(split == expected, "case \(case_)")
            contacts += expected.count
            // Contacts that no single shard would have found: under the threshold in each.
            acrossShards += split.filter { other in shards.shards.allSatisfy { ($0.closeOverlapMinutes(of: case_, window: window)[other.key] ?? 0) < 15 } }.count
        }
        #expect(contacts > 1_000)
        #expect(acrossShards > 0, "some contacts are made of minutes at places of different shards")
    }

    /// A deterministic generator, so a failure can be replayed.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
