/// The recent part's positions grouped by a key (a person or a place), as chains through one array.
///
/// An array of positions per key is one small heap block per person and per place, about 200,000
/// of them at a soak's rate, all freed at every compaction and allocated again after it; glibc keeps
/// such freed pages scattered through its arenas (`scripts/soak`, BENCHMARKS.md). Here a key's
/// positions are linked through `next`, in the order they were added, and the storage is two
/// blocks that keep their capacity from one compaction to the next.
struct RecentChains: Sendable {
    /// The first and last position of each key's chain.
    private var ends: [UInt32: Ends] = [:]
    /// For each position, the next position of the same key, or `none`.
    private var next: [UInt32] = []
    private static let none = UInt32.max

    private struct Ends: Sendable {
        var first: UInt32
        var last: UInt32
    }

    /// Adds `position` to `key`'s chain; positions come in order 0, 1, 2, … (the recent part's).
    mutating func append(_ position: UInt32, key: UInt32) {
        precondition(Int(position) == next.count, "recent positions are added in order")
        next.append(Self.none)
        if let chain = ends[key] {
            next[Int(chain.last)] = position
            ends[key] = Ends(first: chain.first, last: position)
        } else {
            ends[key] = Ends(first: position, last: position)
        }
    }

    /// Empties the chains, keeping their storage for the next recent part.
    mutating func removeAll() {
        ends.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
    }

    /// The positions of `key`, in the order they were added.
    func positions(of key: UInt32) -> Positions {
        Positions(links: next, current: ends[key]?.first ?? Self.none)
    }

    /// Approximate bytes: a hash bucket (key and ends) per key slot, four bytes per position slot.
    var approximateBytes: Int { ends.capacity * 12 + next.capacity * 4 }

    struct Positions: Sequence, IteratorProtocol {
        fileprivate let links: [UInt32]
        fileprivate var current: UInt32

        mutating func next() -> UInt32? {
            guard current != RecentChains.none else { return nil }
            defer { current = links[Int(current)] }
            return current
        }
    }
}
