/// The timeline split by place across processes, for a city whose tracing window one machine
/// cannot hold (README, "How far one machine goes"). Co-presence is computed per place, so a shard
/// holding the events of its places finds, for a case, every overlap at those places; the
/// coordinator adds the shards' minutes per contact and applies the threshold to the totals, so
/// 10 minutes at a place of one shard and 10 at a place of another make a close contact, as they
/// do in one index.
public struct PlaceShards: Sendable {
    public let shards: [ContactTracer]

    public init(_ shards: [ContactTracer]) { self.shards = shards }

    /// Which of `count` shards holds a place: FNV-1a of its id, the same in every process (Swift's
    /// `Hasher` is seeded per process).
    public static func shard(of place: String, count: Int) -> Int {
        let hash = place.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(max(1, count)))
    }

    /// Close contacts of a case with their minutes, by person id, summed over the shards.
    public func closeContactMinutes(of person: String, window: TraceWindow) -> [String: Int] {
        var total: [String: Int] = [:]
        for shard in shards {
            for (other, minutes) in shard.closeOverlapMinutes(of: person, window: window) { total[other, default: 0] += minutes }
        }
        let threshold = shards.first?.rules.closeContactMinutes ?? 0
        return total.filter { $0.value >= threshold }
    }
}

extension ContactTracer {
    /// What one shard answers: the minutes of overlap at close-contact places with each other
    /// person, by id, before any threshold (the threshold applies to the sum over all shards).
    public func closeOverlapMinutes(of person: String, window: TraceWindow) -> [String: Int] {
        guard let p = index.people.number(of: person) else { return [:] }
        var result: [String: Int] = [:]
        for s in exposures(of: p, from: window.from, to: window.to, counting: [.close]).summaries where s.close > 0 {
            result[index.people.name(of: s.person)] = s.close
        }
        return result
    }
}
