extension TimelineIndex {
    /// Builds an index from scratch out of events of registered numbers (for bulk loads and benchmarks).
    public mutating func build(_ events: [TimelineEvent]) {
        recent = events
        recentByPlace = [:]
        recentByPerson = [:]
        placeOffsets = [0]
        person = []
        start = []
        end = []
        seat = []
        rebuild(keeping: { _ in true })
    }

    /// Rebuilds the main part from itself and the recent part without comparison sorts: events are
    /// put in start-time order by a counting sort on the minute, then scattered by place and by
    /// person in that order, so every place's run and every person's list comes out sorted. O(n).
    mutating func rebuild(keeping keep: (TimelineEvent) -> Bool) {
        var all: [TimelineEvent] = []
        all.reserveCapacity(person.count + recent.count)
        for place in 0..<(placeOffsets.count - 1) {
            for i in Int(placeOffsets[place])..<Int(placeOffsets[place + 1]) {
                let e = TimelineEvent(person: person[i], place: UInt32(place), start: start[i], end: end[i], seatRow: seat[i])
                if keep(e) { all.append(e) }
            }
        }
        for e in recent where keep(e) { all.append(e) }
        // Free the old arrays before allocating the new ones.
        person = []
        start = []
        end = []
        seat = []
        personEvents = []
        recent = []
        recentByPlace = [:]
        recentByPerson = [:]

        let order = Self.startOrder(all)
        let n = all.count

        // Places.
        var offsets = [UInt32](repeating: 0, count: places.count + 1)
        for e in all { offsets[Int(e.place) + 1] += 1 }
        for i in 1..<offsets.count { offsets[i] += offsets[i - 1] }
        var cursor = offsets
        var newPerson = [UInt32](repeating: 0, count: n)
        var newStart = [UInt32](repeating: 0, count: n)
        var newEnd = [UInt32](repeating: 0, count: n)
        var newSeat = [UInt8](repeating: 0, count: n)
        var position = [UInt32](repeating: 0, count: n)
        var stay = [UInt32](repeating: 0, count: places.count)
        for k in order {
            let e = all[Int(k)]
            let dst = Int(cursor[Int(e.place)])
            cursor[Int(e.place)] += 1
            newPerson[dst] = e.person
            newStart[dst] = e.start
            newEnd[dst] = e.end
            newSeat[dst] = e.seatRow
            position[Int(k)] = UInt32(dst)
            stay[Int(e.place)] = max(stay[Int(e.place)], e.end - e.start)
        }

        // People.
        var pOffsets = [UInt32](repeating: 0, count: people.count + 1)
        for e in all { pOffsets[Int(e.person) + 1] += 1 }
        for i in 1..<pOffsets.count { pOffsets[i] += pOffsets[i - 1] }
        var pCursor = pOffsets
        var pEvents = [UInt32](repeating: 0, count: n)
        for k in order {
            let p = Int(all[Int(k)].person)
            pEvents[Int(pCursor[p])] = position[Int(k)]
            pCursor[p] += 1
        }

        placeOffsets = offsets
        person = newPerson
        start = newStart
        end = newEnd
        seat = newSeat
        longestStay = stay
        longestStayAnywhere = stay.max() ?? 0
        personOffsets = pOffsets
        personEvents = pEvents
    }

    /// Positions of `events` in start-time order: a counting sort on the start minute when the
    /// events span less than eight years of minutes (always, within a retention window), else a sort.
    static func startOrder(_ events: [TimelineEvent]) -> [UInt32] {
        guard let first = events.first else { return [] }
        var lo = first.start
        var hi = first.start
        for e in events {
            lo = min(lo, e.start)
            hi = max(hi, e.start)
        }
        let span = Int(hi - lo) + 1
        guard span <= 1 << 22 else {
            return (0..<UInt32(events.count)).sorted { events[Int($0)].start < events[Int($1)].start }
        }
        var counts = [UInt32](repeating: 0, count: span + 1)
        for e in events { counts[Int(e.start - lo) + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var order = [UInt32](repeating: 0, count: events.count)
        for (k, e) in events.enumerated() {
            let slot = Int(e.start - lo)
            order[Int(counts[slot])] = UInt32(k)
            counts[slot] += 1
        }
        return order
    }
}
