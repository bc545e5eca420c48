import Domain

/// Finds the contacts of a case in the timeline index by the rules of the outbreak profile
/// (DESIGN §4): household members; close contacts (≥ `closeContactMinutes` of overlap, summed over
/// all places where co-presence counts); the same vehicle trip within `transportSeatRows` rows;
/// spatiotemporal companions in the same telecom cell; and secondary contacts, the household and
/// close contacts of the household and close contacts, counted from their own first exposure.
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
    enum Exposes { case close, transport, companion }

    /// Raw overlaps of one other person with the traced person.
    struct Overlap {
        var place: UInt32
        var from: UInt32
        var to: UInt32
        var exposes: Exposes
    }

    /// Everyone co-present with `p` between `from` and `to` at places of the given effects, with the
    /// intervals of overlap. The traced person's own events are merged per place first, so duplicate
    /// scans of the case count once.
    func overlaps(with p: UInt32, from: UInt32, to: UInt32, counting effects: Set<Exposes>) -> [UInt32: [Overlap]] {
        var found: [UInt32: [Overlap]] = [:]
        for stay in Self.merged(index.events(of: p), from: from, to: to) {
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
                found[other.person, default: []].append(Overlap(place: stay.place, from: start, to: end, exposes: exposes))
            }
        }
        return found
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

    /// Overlaps merged per place into evidence, with the minutes of each effect.
    struct Summary {
        var evidence: [Exposes: [Exposure]] = [:]
        var minutes: [Exposes: Int] = [:]
        var firstExposure = UInt32.max

        init(_ overlaps: [Overlap]) {
            for o in overlaps.sorted(by: { ($0.place, $0.from) < ($1.place, $1.from) }) {
                firstExposure = min(firstExposure, o.from)
                var list = evidence[o.exposes, default: []]
                if let last = list.last, last.place == o.place, o.from <= last.to {
                    list[list.count - 1].to = max(last.to, o.to)
                } else {
                    list.append(Exposure(place: o.place, from: o.from, to: o.to))
                }
                evidence[o.exposes] = list
            }
            for (effect, list) in evidence { minutes[effect] = list.reduce(0) { $0 + Int($1.to - $1.from) } }
        }

        var all: [Exposure] { evidence.values.flatMap { $0 }.sorted { ($0.from, $0.place) < ($1.from, $1.place) } }
    }

    /// The contacts of person `p` whose infectious window is `window`, strongest category first.
    public func contacts(of p: UInt32, window: TraceWindow) -> [CloseContact] {
        var result: [UInt32: CloseContact] = [:]
        let household = Set(index.householdMembers(of: p))
        let found = overlaps(with: p, from: window.from, to: window.to, counting: [.close, .transport, .companion])
        var firstExposure: [UInt32: UInt32] = [:]

        for q in household {
            let summary = Summary(found[q] ?? [])
            result[q] = CloseContact(
                person: q, category: .household, exposureMinutes: summary.minutes.values.reduce(0, +), evidence: summary.all, via: nil)
            firstExposure[q] = window.from
        }
        for (q, overlaps) in found where !household.contains(q) {
            let summary = Summary(overlaps)
            let close = summary.minutes[.close] ?? 0
            let transport = summary.minutes[.transport] ?? 0
            let companion = summary.minutes[.companion] ?? 0
            if close >= rules.closeContactMinutes {
                result[q] = CloseContact(person: q, category: .close, exposureMinutes: close, evidence: summary.evidence[.close] ?? [], via: nil)
                firstExposure[q] = summary.evidence[.close]?.map(\.from).min() ?? summary.firstExposure
            } else if transport >= max(1, rules.transportMinimumMinutes) {
                result[q] = CloseContact(
                    person: q, category: .transport, exposureMinutes: transport, evidence: summary.evidence[.transport] ?? [], via: nil)
            } else if companion >= rules.companionMinutes {
                result[q] = CloseContact(
                    person: q, category: .companion, exposureMinutes: companion, evidence: summary.evidence[.companion] ?? [], via: nil)
            }
        }

        if rules.traceSecondaryContacts {
            // Contacts of household and close contacts, from each one's own first exposure to the case.
            for (x, since) in firstExposure.sorted(by: { $0.key < $1.key }) {
                var candidates: [UInt32: (minutes: Int, evidence: [Exposure])] = [:]
                for y in index.householdMembers(of: x) { candidates[y] = (0, []) }
                for (y, overlaps) in self.overlaps(with: x, from: since, to: window.to, counting: [.close]) {
                    let summary = Summary(overlaps)
                    let minutes = summary.minutes[.close] ?? 0
                    if minutes >= rules.closeContactMinutes || candidates[y] != nil {
                        candidates[y] = (minutes, summary.evidence[.close] ?? [])
                    }
                }
                for (y, exposure) in candidates where y != p {
                    if let existing = result[y], existing.category < .secondary { continue }
                    if let existing = result[y], existing.category == .secondary, existing.exposureMinutes >= exposure.minutes { continue }
                    result[y] = CloseContact(person: y, category: .secondary, exposureMinutes: exposure.minutes, evidence: exposure.evidence, via: x)
                }
            }
        }

        return result.values.sorted {
            ($0.category.rank, -$0.exposureMinutes, index.people.name(of: $0.person))
                < ($1.category.rank, -$1.exposureMinutes, index.people.name(of: $1.person))
        }
    }
}
