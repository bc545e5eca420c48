import Domain

/// Finds the contacts of a case in the timeline index by the rules of the outbreak profile
/// (DESIGN §4): household members; close contacts (≥ `closeContactMinutes` of overlap, summed over
/// all places where co-presence counts); the same vehicle trip within `transportSeatRows` rows;
/// spatiotemporal companions in the same telecom cell; and secondary contacts, the household and
/// close contacts of every close contact (household, place and seat neighbour alike), counted from
/// that contact's own first exposure to the case.
///
/// Overlaps are collected in one flat array and sorted by person, place and time, then summed in
/// one pass: no hash table per contact, which at thousands of contacts a case is most of the cost.
public struct ContactTracer: Sendable {
    public let index: TimelineIndex
    public let rules: TracingRules
    private let closeKinds: Set<PlaceKind>

    public init(index: TimelineIndex, rules: TracingRules) {
        self.index = index
        self.rules = rules
        self.closeKinds = Set(rules.closeContactPlaceKinds)
    }

    /// What co-presence at a place counts towards.
    enum Exposes: Int { case close = 0, transport = 1, companion = 2 }

    /// One overlap of another person with the traced person.
    struct Overlap {
        var person: UInt32
        var place: UInt32
        var from: UInt32
        var to: UInt32
        var exposes: Exposes
    }

    /// One other person's overlaps, merged per place, with the minutes of each effect; the merged
    /// intervals themselves are `evidence[range]` of the batch the summary came from, so summaries
    /// that lead nowhere (most secondary candidates) allocate nothing.
    struct Summary {
        var person: UInt32
        var close = 0
        var transport = 0
        var companion = 0
        var firstExposure = UInt32.max
        var range: Range<Int>

        func minutes(_ e: Exposes) -> Int {
            switch e {
            case .close: close
            case .transport: transport
            case .companion: companion
            }
        }
    }

    /// Merged intervals of overlap, tagged with what they count towards.
    struct Tagged {
        var exposes: Exposes
        var exposure: Exposure
    }

    /// The summaries of one traced person, and the evidence they point into.
    struct Exposures {
        var summaries: [Summary] = []
        var evidence: [Tagged] = []

        func evidence(_ s: Summary, _ e: Exposes) -> [Exposure] { evidence[s.range].filter { $0.exposes == e }.map(\.exposure) }

        func all(_ s: Summary) -> [Exposure] { evidence[s.range].map(\.exposure).sorted { ($0.from, $0.place) < ($1.from, $1.place) } }
    }

    /// Everyone co-present with `p` between `from` and `to` at places of the given effects, summed
    /// per person. The traced person's own stays are merged per place first, so duplicate scans
    /// count once; so are the other person's overlaps.
    func exposures(of p: UInt32, from: UInt32, to: UInt32, counting effects: Set<Exposes>) -> Exposures {
        var found: [Overlap] = []
        for stay in Self.merged(index.events(of: p, overlapping: from, to), from: from, to: to) {
            guard let kind = index.kind(ofPlace: stay.place) else { continue }
            let exposes: Exposes
            if closeKinds.contains(kind) {
                exposes = .close
            } else if kind == .vehicle {
                exposes = .transport
            } else if kind == .cell {
                exposes = .companion
            } else {
                continue
            }
            guard effects.contains(exposes) else { continue }
            index.forEachEvent(at: stay.place, overlapping: stay.start, stay.end) { other in
                guard other.person != p else { return }
                let start = max(stay.start, other.start)
                let end = min(stay.end, other.end)
                guard end > start else { return }
                if exposes == .transport {
                    if stay.seatRow != 0 && other.seatRow != 0 {
                        guard abs(Int(stay.seatRow) - Int(other.seatRow)) <= rules.transportSeatRows else { return }
                    } else {
                        guard rules.transportUnknownSeatIsContact else { return }
                    }
                }
                found.append(Overlap(person: other.person, place: stay.place, from: start, to: end, exposes: exposes))
            }
        }
        found.sort { ($0.person, $0.place, $0.from) < ($1.person, $1.place, $1.from) }
        var out = Exposures()
        out.evidence.reserveCapacity(found.count)
        for o in found {
            if out.summaries.last?.person != o.person {
                out.summaries.append(Summary(person: o.person, range: out.evidence.count..<out.evidence.count))
            }
            let s = out.summaries.count - 1
            out.summaries[s].firstExposure = min(out.summaries[s].firstExposure, o.from)
            let added: Int
            if let last = out.evidence.last, out.summaries[s].range.count > 0, last.exposure.place == o.place, o.from <= last.exposure.to {
                added = Int(max(last.exposure.to, o.to) - last.exposure.to)
                out.evidence[out.evidence.count - 1].exposure.to = max(last.exposure.to, o.to)
            } else {
                added = Int(o.to - o.from)
                out.evidence.append(Tagged(exposes: o.exposes, exposure: Exposure(place: o.place, from: o.from, to: o.to)))
                out.summaries[s].range = out.summaries[s].range.lowerBound..<out.evidence.count
            }
            switch o.exposes {
            case .close: out.summaries[s].close += added
            case .transport: out.summaries[s].transport += added
            case .companion: out.summaries[s].companion += added
            }
        }
        return out
    }

    /// A person's stays clipped to `from..<to` and merged where they overlap at the same place.
    static func merged(_ events: [TimelineEvent], from: UInt32, to: UInt32) -> [TimelineEvent] {
        let clipped = events.compactMap { e -> TimelineEvent? in
            let s = max(e.start, from)
            let t = min(e.end, to)
            return t > s ? TimelineEvent(person: e.person, place: e.place, start: s, end: t, seatRow: e.seatRow) : nil
        }.sorted { ($0.place, $0.start) < ($1.place, $1.start) }
        var out: [TimelineEvent] = []
        for e in clipped {
            if let last = out.last, last.place == e.place, e.start <= last.end {
                out[out.count - 1].end = max(last.end, e.end)
            } else {
                out.append(e)
            }
        }
        return out
    }

    /// The contacts of person `p` whose infectious window is `window`, strongest category first.
    public func contacts(of p: UInt32, window: TraceWindow) -> [CloseContact] {
        var result: [UInt32: CloseContact] = [:]
        let household = index.householdMembers(of: p)
        let found = exposures(of: p, from: window.from, to: window.to, counting: [.close, .transport, .companion])
        result.reserveCapacity(found.summaries.count + household.count)
        // The close contacts of every kind, who may expose others in turn, and from when (household
        // members: from the window's start).
        var exposed: [(person: UInt32, since: UInt32)] = household.map { ($0, window.from) }

        for q in household {
            result[q] = CloseContact(person: q, category: .household, exposureMinutes: 0, evidence: [], via: nil)
        }
        for s in found.summaries {
            if var member = result[s.person] {
                member.exposureMinutes = s.close + s.transport + s.companion
                member.evidence = found.all(s)
                result[s.person] = member
                continue
            }
            if s.close >= rules.closeContactMinutes {
                let evidence = found.evidence(s, .close)
                result[s.person] = CloseContact(person: s.person, category: .close, exposureMinutes: s.close, evidence: evidence, via: nil)
                exposed.append((s.person, evidence.map(\.from).min() ?? s.firstExposure))
            } else if s.transport >= max(1, rules.transportMinimumMinutes) {
                // A seat neighbour is a close contact too (DESIGN §4): their household and the people
                // they then spend time with are secondary contacts, from the trip on.
                let evidence = found.evidence(s, .transport)
                result[s.person] = CloseContact(person: s.person, category: .transport, exposureMinutes: s.transport, evidence: evidence, via: nil)
                exposed.append((s.person, evidence.map(\.from).min() ?? s.firstExposure))
            } else if s.companion >= rules.companionMinutes {
                result[s.person] = CloseContact(
                    person: s.person, category: .companion, exposureMinutes: s.companion, evidence: found.evidence(s, .companion), via: nil)
            }
        }

        if rules.traceSecondaryContacts {
            // Contacts of household and close contacts, from each one's own first exposure to the case.
            for (x, since) in exposed.sorted(by: { $0.person < $1.person }) {
                let xHousehold = index.householdMembers(of: x)
                for y in xHousehold where y != p {
                    offerSecondary(y, minutes: 0, evidence: { [] }, via: x, to: &result)
                }
                let second = exposures(of: x, from: since, to: window.to, counting: [.close])
                for s in second.summaries where s.person != p {
                    guard s.close >= rules.closeContactMinutes || xHousehold.contains(s.person) else { continue }
                    offerSecondary(s.person, minutes: s.close, evidence: { second.evidence(s, .close) }, via: x, to: &result)
                }
            }
        }

        // Sort small keys, not the contacts: moving a contact retains and releases its evidence.
        let contacts = Array(result.values)
        var keys = contacts.indices.map { i in
            (rank: contacts[i].category.rank, minutes: contacts[i].exposureMinutes, person: contacts[i].person, index: i)
        }
        keys.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.minutes != b.minutes { return a.minutes > b.minutes }
            return a.person < b.person
        }
        return keys.map { contacts[$0.index] }
    }

    /// Lists `y` as a secondary contact unless they are already in a stronger category, or already
    /// secondary through someone with at least as much exposure.
    private func offerSecondary(
        _ y: UInt32, minutes: Int, evidence: () -> [Exposure], via x: UInt32, to result: inout [UInt32: CloseContact]
    ) {
        if let existing = result[y] {
            if existing.category < .secondary { return }
            if existing.category == .secondary && existing.exposureMinutes >= minutes { return }
        }
        result[y] = CloseContact(person: y, category: .secondary, exposureMinutes: minutes, evidence: evidence(), via: x)
    }
}

extension ContactTracer {
    /// Close contacts only (cumulative overlap at close-contact places ≥ the threshold), without
    /// households, vehicles, cells or secondary contacts: the query other engines can also run,
    /// which `cordon bench trace` compares with DuckDB and PostgreSQL.
    public func closeContactMinutes(of p: UInt32, window: TraceWindow) -> [UInt32: Int] {
        var result: [UInt32: Int] = [:]
        for s in exposures(of: p, from: window.from, to: window.to, counting: [.close]).summaries where s.close >= rules.closeContactMinutes {
            result[s.person] = s.close
        }
        return result
    }
}
