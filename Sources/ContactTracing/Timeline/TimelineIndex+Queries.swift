extension TimelineIndex {
    /// A person's events (main and recent), by start time within each part.
    public func events(of p: UInt32) -> [TimelineEvent] {
        var result: [TimelineEvent] = []
        if Int(p) + 1 < personOffsets.count {
            for k in Int(personOffsets[Int(p)])..<Int(personOffsets[Int(p) + 1]) {
                let i = Int(personEvents[k])
                result.append(TimelineEvent(person: p, place: place(atMain: i), start: start[i], end: end[i], seatRow: seat[i]))
            }
        }
        for i in recentByPerson.positions(of: p) { result.append(recent[Int(i)]) }
        return result
    }

    /// A person's events that may overlap `from..<to`: the person's list is sorted by start, so a
    /// binary search skips what started after `to`, and what started more than the longest stay
    /// anywhere before `from` is skipped too.
    public func events(of p: UInt32, overlapping from: UInt32, _ to: UInt32) -> [TimelineEvent] {
        var result: [TimelineEvent] = []
        if Int(p) + 1 < personOffsets.count {
            let lower = Int(personOffsets[Int(p)])
            let upper = Int(personOffsets[Int(p) + 1])
            let earliest = from > longestStayAnywhere ? from - longestStayAnywhere : 0
            var lo = lower
            var hi = upper
            while lo < hi {
                let mid = (lo + hi) / 2
                if start[Int(personEvents[mid])] < earliest { lo = mid + 1 } else { hi = mid }
            }
            var k = lo
            while k < upper {
                let i = Int(personEvents[k])
                if start[i] >= to { break }
                if end[i] > from { result.append(TimelineEvent(person: p, place: place(atMain: i), start: start[i], end: end[i], seatRow: seat[i])) }
                k += 1
            }
        }
        for i in recentByPerson.positions(of: p) {
            let e = recent[Int(i)]
            if e.end > from && e.start < to { result.append(e) }
        }
        return result
    }

    /// Calls `body` with every event at `place` that overlaps the minutes `from..<to` (end > from and
    /// start < to), from both parts. Binary search finds the first candidate in the main part.
    public func forEachEvent(at place: UInt32, overlapping from: UInt32, _ to: UInt32, _ body: (TimelineEvent) -> Void) {
        if Int(place) + 1 < placeOffsets.count {
            let lower = Int(placeOffsets[Int(place)])
            let upper = Int(placeOffsets[Int(place) + 1])
            let earliest = from > longestStay[Int(place)] ? from - longestStay[Int(place)] : 0
            var lo = lower
            var hi = upper
            while lo < hi {
                let mid = (lo + hi) / 2
                if start[mid] < earliest { lo = mid + 1 } else { hi = mid }
            }
            var i = lo
            while i < upper, start[i] < to {
                if end[i] > from {
                    body(TimelineEvent(person: person[i], place: place, start: start[i], end: end[i], seatRow: seat[i]))
                }
                i += 1
            }
        }
        for k in recentByPlace.positions(of: place) {
            let e = recent[Int(k)]
            if e.end > from && e.start < to { body(e) }
        }
    }

    /// The place of a main-part position, by binary search over the place offsets.
    func place(atMain i: Int) -> UInt32 {
        var lo = 0
        var hi = placeOffsets.count - 1
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if Int(placeOffsets[mid]) <= i { lo = mid } else { hi = mid }
        }
        return UInt32(lo)
    }
}
