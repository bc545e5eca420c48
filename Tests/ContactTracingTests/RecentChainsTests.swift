import Testing
@testable import ContactTracing

@Suite("Recent part's chains")
struct RecentChainsTests {
    @Test("each key lists its own positions in the order they were added, also after being emptied")
    func chainsKeepOrderPerKey() {
        var chains = RecentChains()
        let keys: [UInt32] = [7, 3, 7, 9, 3, 7, 0]
        for (i, key) in keys.enumerated() { chains.append(UInt32(i), key: key) }
        #expect(Array(chains.positions(of: 7)) == [0, 2, 5])
        #expect(Array(chains.positions(of: 3)) == [1, 4])
        #expect(Array(chains.positions(of: 9)) == [3])
        #expect(Array(chains.positions(of: 0)) == [6])
        #expect(Array(chains.positions(of: 5)).isEmpty)

        // A compaction empties them; the next recent part starts again at position 0.
        chains.removeAll()
        #expect(Array(chains.positions(of: 7)).isEmpty)
        chains.append(0, key: 3)
        chains.append(1, key: 7)
        chains.append(2, key: 3)
        #expect(Array(chains.positions(of: 3)) == [0, 2])
        #expect(Array(chains.positions(of: 7)) == [1])
    }
}
