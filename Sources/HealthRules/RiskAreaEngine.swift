import Domain
import Foundation

/// Risk levels of compounds and communities from the cases in them (DESIGN §4): medium from the
/// first case in the window, high from a cluster, back down when the window has passed without a new
/// case. Levels are a function of the cases and the time, so their history is too.
public struct RiskAreaEngine: Sendable {
    public let rules: RiskAreaRules

    public init(rules: RiskAreaRules) { self.rules = rules }

    /// A case counted in an area: where it lives (compound or community id) and when it was found.
    public struct AreaCase: Sendable, Equatable {
        public var area: String
        public var person: String
        public var at: Date

        public init(area: String, person: String, at: Date) {
            self.area = area
            self.person = person
            self.at = at
        }
    }

    /// The level of every area with a case in the window at `now`; areas not listed are low.
    public func levels(_ cases: [AreaCase], at now: Date) -> [String: RiskLevel] {
        let from = now.addingTimeInterval(-Double(rules.windowDays) * 86_400)
        var counts: [String: Set<String>] = [:]
        for c in cases where c.at <= now && c.at > from { counts[c.area, default: []].insert(c.person) }
        return counts.mapValues { level(count: $0.count) }.filter { $0.value != .low }
    }

    func level(count: Int) -> RiskLevel {
        count >= rules.highCases ? .high : count >= rules.mediumCases ? .medium : .low
    }

    /// A change of level of one area.
    public struct Change: Sendable, Equatable {
        public var area: String
        public var at: Date
        public var from: RiskLevel
        public var to: RiskLevel
    }

    /// Every change of level between the first case and `now`: levels only change when a case is
    /// found or when a case leaves the window, so those are the moments to look at.
    public func history(_ cases: [AreaCase], until now: Date) -> [Change] {
        let window = Double(rules.windowDays) * 86_400
        var moments = Set<Date>()
        for c in cases where c.at <= now {
            moments.insert(c.at)
            let leaves = c.at.addingTimeInterval(window)
            if leaves <= now { moments.insert(leaves) }
        }
        var current: [String: RiskLevel] = [:]
        var changes: [Change] = []
        for moment in moments.sorted() {
            let next = levels(cases, at: moment)
            for area in Set(current.keys).union(next.keys).sorted() {
                let before = current[area] ?? .low
                let after = next[area] ?? .low
                if before != after { changes.append(Change(area: area, at: moment, from: before, to: after)) }
            }
            current = next
        }
        return changes
    }
}
