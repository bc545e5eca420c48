import Domain
import Testing
@testable import ContactTracing

@Suite("Timeline index")
struct TimelineIndexTests {
    /// A pseudo-random timeline: the same queries must answer the same before and after compaction.
    static func randomIndex(events: Int) -> TimelineIndex {
        var index = TimelineIndex()
        for p in 0..<200 { index.addPerson("P\(p)", household: "H\(p / 3)") }
        for q in 0..<20 { index.addPlace("L\(q)", kind: q % 5 == 0 ? .vehicle : .venue) }
        index.refreshHouseholds()
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<events {
            let start = UInt32(30_000_000 + next(20_000))
            index.add(person: "P\(next(200))", place: "L\(next(20))", start: start, end: start + UInt32(next(120)), seatRow: next(30))
        }
        return index
    }

    @Test("a merged person's events become the new id's; a rename onto a known id changes nothing")
    func renamePerson() {
        var index = Self.randomIndex(events: 2_000)
        let before = index.people.number(of: "P7").map { index.events(of: $0) } ?? []
        #expect(!before.isEmpty)
        let renamed = index.renamePerson("P7", to: "R-7")
        #expect(renamed)
        #expect(index.people.number(of: "P7") == nil && index.people.number(of: "R-7").map { index.events(of: $0) } == before)
        #expect(index.people.name(of: before[0].person) == "R-7")
        let ontoKnown = index.renamePerson("P8", to: "P9"), unknown = index.renamePerson("nobody", to: "R-0")
        #expect(!ontoKnown && !unknown && index.people.number(of: "P8") != nil)
    }

    @Test("compaction keeps every event and every answer")
    func compactionPreservesAnswers() {
        let before = Self.randomIndex(events: 5_000)
        var after = before
        after.compact()
        #expect(after.eventCount == before.eventCount)
        #expect(after.recent.isEmpty)
        let window = TraceWindow(from: 30_000_000, to: 30_020_000)
        for p in stride(from: UInt32(0), to: 200, by: 17) {
            #expect(ContactTracer(index: after, rules: .standard).contacts(of: p, window: window)
                == ContactTracer(index: before, rules: .standard).contacts(of: p, window: window))
        }
    }

    @Test("the main part is sorted by place and start; each person's events by start")
    func sortedRuns() {
        var index = Self.randomIndex(events: 3_000)
        index.compact()
        for place in 0..<(index.placeOffsets.count - 1) {
            let run = index.start[Int(index.placeOffsets[place])..<Int(index.placeOffsets[place + 1])]
            #expect(zip(run, run.dropFirst()).allSatisfy { $0 <= $1 })
        }
        for p in 0..<(index.personOffsets.count - 1) {
            let starts = index.personEvents[Int(index.personOffsets[p])..<Int(index.personOffsets[p + 1])].map { index.start[Int($0)] }
            #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(index.personEvents[Int(index.personOffsets[p])..<Int(index.personOffsets[p + 1])].allSatisfy { index.person[Int($0)] == UInt32(p) })
        }
    }

    @Test("removing old events drops exactly those that ended before the cutoff")
    func retention() {
        var index = Self.randomIndex(events: 2_000)
        let cutoff: UInt32 = 30_010_000
        let expected = (0..<200).flatMap { index.events(of: UInt32($0)) }.filter { $0.end >= cutoff }.count
        let removed = index.removeEvents(endedBefore: cutoff)
        #expect(index.eventCount == expected)
        #expect(removed == 2_000 - expected)
        #expect((0..<200).flatMap { index.events(of: UInt32($0)) }.allSatisfy { $0.end >= cutoff })
    }

    /// A compaction merges the recent events into the main part's place runs; a build from scratch
    /// sorts them all. Both must give the same arrays, event for event, ties included.
    @Test("merging recent events into the main part builds what a build from scratch builds")
    func mergeMatchesBuild() {
        var merged = Self.randomIndex(events: 6_000)  // compacts after 65,536 only: all recent here
        var events: [TimelineEvent] = merged.recent
        merged.compact()  // from scratch: the main part was empty
        var g: UInt64 = 7
        for k in 0..<3 {
            // New events, some at a place the main part has no run for, some tied on start.
            for i in 0..<1_500 {
                g = g &* 6364136223846793005 &+ 1442695040888963407
                let start = UInt32(30_000_000 + Int((g >> 33) % 20_000)) / 10 * 10
                let e = TimelineEvent(person: UInt32((g >> 20) % 200), place: UInt32(i % 23 == 0 ? 20 + k : Int((g >> 40) % 20)), start: start, end: start + 30, seatRow: 3)
                if e.place >= 20 { merged.addPlace("NEW\(e.place)", kind: .venue) }
                merged.add(e)
                events.append(e)
            }
            merged.compact()
            #expect(merged.recent.isEmpty)
            var scratch = TimelineIndex()
            scratch.people = merged.people
            scratch.places = merged.places
            scratch.build(events)
            Self.expectSameArrays(merged, scratch)
        }
        // Retention through the merge drops what a build of the kept events leaves out.
        merged.add(TimelineEvent(person: 1, place: 2, start: 30_015_000, end: 30_015_010))
        events.append(TimelineEvent(person: 1, place: 2, start: 30_015_000, end: 30_015_010))
        merged.removeEvents(endedBefore: 30_010_000)
        var kept = TimelineIndex()
        kept.people = merged.people
        kept.places = merged.places
        kept.build(events.filter { $0.end >= 30_010_000 })
        Self.expectSameArrays(merged, kept)
    }

    static func expectSameArrays(_ a: TimelineIndex, _ b: TimelineIndex) {
        #expect(a.placeOffsets == b.placeOffsets)
        #expect(a.person == b.person && a.start == b.start && a.end == b.end && a.seat == b.seat)
        #expect(a.longestStay == b.longestStay && a.longestStayAnywhere == b.longestStayAnywhere)
        #expect(a.personOffsets == b.personOffsets && a.personEvents == b.personEvents)
    }

    /// `/metrics` reports these bytes so that growth from stored events can be told from a leak.
    @Test("the memory estimate covers at least the event arrays and follows events in and out")
    func memoryEstimate() {
        var index = Self.randomIndex(events: 200_000)
        index.compact()
        let full = index.memoryBytes
        // Person, start, end (4 each), seat (1) and the person order (4): 17 bytes an event at least.
        #expect(full >= 200_000 * 17)
        // Long ids are counted with their characters, short ones (inside the string) are not.
        var ids = Self.randomIndex(events: 0)
        let short = ids.memoryBytes
        ids.addPerson(String(repeating: "x", count: 4_000), household: nil)
        #expect(ids.memoryBytes >= short + 4_000)
        index.removeEvents(endedBefore: UInt32.max)
        #expect(index.eventCount == 0)
        #expect(index.memoryBytes < full / 10)
    }
}
