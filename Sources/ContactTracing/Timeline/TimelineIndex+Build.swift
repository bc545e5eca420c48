extension TimelineIndex {
    /// Builds an index from scratch out of events of registered numbers (for bulk loads and benchmarks).
    public mutating func build(_ events: [TimelineEvent]) {
        recent = events
        recentByPlace.removeAll()
        recentByPerson.removeAll()
        placeOffsets = [0]
        person = []
        start = []
        end = []
        seat = []
        rebuild(keeping: { _ in true })
    }

    /// Rebuilds the main part from itself and the recent part, keeping the events `keep` accepts,
    /// without comparison sorts: O(n). Every place's run comes out sorted by start (ties: the main
    /// part's events first, in their order, then the recent part's in theirs), and every person's
    /// list by start (ties: by position in the main part), whichever way it was built.
    ///
    /// Memory is what limits the largest index, so the rebuild is shaped to hold little besides
    /// the result at its peak: with a main part, its place runs are merged with the recent events
    /// (old and new arrays, 13 bytes an event each, together for a moment); from scratch, the events
    /// are copied once (20 bytes each) and counting-sorted.
    mutating func rebuild(keeping keep: (TimelineEvent) -> Bool) {
        personEvents = []
        // Each way empties the recent part as soon as it has taken what it needs from it.
        let main = person.isEmpty ? buildPlaceRuns(keeping: keep) : mergePlaceRuns(keeping: keep)
        placeOffsets = main.offsets
        person = main.person
        start = main.start
        end = main.end
        seat = main.seat
        longestStay = main.stay
        longestStayAnywhere = main.stay.max() ?? 0
        buildPersonLists()
    }

    /// A main part's arrays before they are installed.
    struct PlaceRuns {
        var offsets: [UInt32]
        var person: [UInt32]
        var start: [UInt32]
        var end: [UInt32]
        var seat: [UInt8]
        var stay: [UInt32]

        init(offsets: [UInt32], places: Int) {
            let n = Int(offsets.last ?? 0)
            self.offsets = offsets
            person = [UInt32](repeating: 0, count: n)
            start = [UInt32](repeating: 0, count: n)
            end = [UInt32](repeating: 0, count: n)
            seat = [UInt8](repeating: 0, count: n)
            stay = [UInt32](repeating: 0, count: places)
        }

        mutating func put(_ e: TimelineEvent, at dst: Int) {
            person[dst] = e.person
            start[dst] = e.start
            end[dst] = e.end
            seat[dst] = e.seatRow
            stay[Int(e.place)] = max(stay[Int(e.place)], e.end - e.start)
        }
    }

    /// The place runs out of the recent part alone (the main part is empty): a counting sort on the
    /// start minute, then a scatter by place in that order.
    private mutating func buildPlaceRuns(keeping keep: (TimelineEvent) -> Bool) -> PlaceRuns {
        let all = recent.filter(keep)
        recent = []
        recentByPlace.removeAll()
        recentByPerson.removeAll()
        let order = Self.startOrder(all.lazy.map(\.start))
        var runs = PlaceRuns(offsets: Self.offsets(all.lazy.map(\.place), buckets: places.count), places: places.count)
        var cursor = runs.offsets
        for k in order {
            let e = all[Int(k)]
            runs.put(e, at: Int(cursor[Int(e.place)]))
            cursor[Int(e.place)] += 1
        }
        return runs
    }

    /// The main part's place runs merged with the recent events of each place (sorted the same
    /// way first), dropping what `keep` refuses.
    private mutating func mergePlaceRuns(keeping keep: (TimelineEvent) -> Bool) -> PlaceRuns {
        // The recent events kept, in (place, start) order: by start, then by place, both stable.
        let fresh = recent.filter(keep)
        recent = []
        recentByPlace.removeAll()
        recentByPerson.removeAll()
        let freshOffsets = Self.offsets(fresh.lazy.map(\.place), buckets: places.count)
        var freshOrder = [UInt32](repeating: 0, count: fresh.count)
        var freshCursor = freshOffsets
        for k in Self.startOrder(fresh.lazy.map(\.start)) {
            let q = Int(fresh[Int(k)].place)
            freshOrder[Int(freshCursor[q])] = k
            freshCursor[q] += 1
        }

        let mainPlaces = placeOffsets.count - 1
        func event(_ i: Int, place: Int) -> TimelineEvent {
            TimelineEvent(person: person[i], place: UInt32(place), start: start[i], end: end[i], seatRow: seat[i])
        }
        var counts = [UInt32](repeating: 0, count: places.count + 1)
        for q in 0..<places.count {
            var kept = freshOffsets[q + 1] - freshOffsets[q]
            if q < mainPlaces {
                for i in Int(placeOffsets[q])..<Int(placeOffsets[q + 1]) where keep(event(i, place: q)) { kept += 1 }
            }
            counts[q + 1] = counts[q] + kept
        }
        var runs = PlaceRuns(offsets: counts, places: places.count)
        for q in 0..<places.count {
            var i = q < mainPlaces ? Int(placeOffsets[q]) : 0
            let iEnd = q < mainPlaces ? Int(placeOffsets[q + 1]) : 0
            var j = Int(freshOffsets[q])
            let jEnd = Int(freshOffsets[q + 1])
            var dst = Int(counts[q])
            while true {
                while i < iEnd && !keep(event(i, place: q)) { i += 1 }
                if i < iEnd && (j == jEnd || start[i] <= fresh[Int(freshOrder[j])].start) {
                    runs.put(event(i, place: q), at: dst)
                    i += 1
                } else if j < jEnd {
                    runs.put(fresh[Int(freshOrder[j])], at: dst)
                    j += 1
                } else {
                    break
                }
                dst += 1
            }
        }
        return runs
    }

    /// Each person's events (positions in the main part) by start: a counting sort of the
    /// positions on the start minute, then a scatter by person in that order.
    private mutating func buildPersonLists() {
        let offsets = Self.offsets(person, buckets: people.count)
        var cursor = offsets
        var events = [UInt32](repeating: 0, count: person.count)
        for position in Self.startOrder(start) {
            let p = Int(person[Int(position)])
            events[Int(cursor[p])] = position
            cursor[p] += 1
        }
        personOffsets = offsets
        personEvents = events
    }

    /// Where each bucket's run begins when `keys` are grouped by bucket (one more entry: the end).
    static func offsets<C: Collection>(_ keys: C, buckets: Int) -> [UInt32] where C.Element == UInt32 {
        var offsets = [UInt32](repeating: 0, count: buckets + 1)
        for k in keys { offsets[Int(k) + 1] += 1 }
        for i in 0..<buckets { offsets[i + 1] += offsets[i] }
        return offsets
    }

    /// Positions of `starts` in start-time order (stable): a counting sort on the start minute when
    /// they span less than eight years of minutes (always, within a retention window), else a sort.
    static func startOrder<C: RandomAccessCollection>(_ starts: C) -> [UInt32] where C.Element == UInt32, C.Index == Int {
        guard let first = starts.first else { return [] }
        var lo = first
        var hi = first
        for s in starts {
            lo = min(lo, s)
            hi = max(hi, s)
        }
        let span = Int(hi - lo) + 1
        guard span <= 1 << 22 else {
            return (0..<UInt32(starts.count)).sorted { (starts[Int($0)], $0) < (starts[Int($1)], $1) }
        }
        var counts = [UInt32](repeating: 0, count: span + 1)
        for s in starts { counts[Int(s - lo) + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var order = [UInt32](repeating: 0, count: starts.count)
        for (k, s) in starts.enumerated() {
            let slot = Int(s - lo)
            order[Int(counts[slot])] = UInt32(k)
            counts[slot] += 1
        }
        return order
    }
}
