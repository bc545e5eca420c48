import Foundation

/// Who may enter a round, and for how much: one entry per identity number per round, a quota per
/// person per period (a priority group's own, if larger), and odd/even days when the profile says so.
public enum Rationing {
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case roundNotOpen
        case alreadyEntered
        case unknownPharmacy(String)
        /// `used` units won (or waiting in other rounds) in the last `periodDays` days.
        case quotaReached(quota: Int, periodDays: Int, used: Int)
        /// Today is for identity numbers ending in the other parity.
        case otherDay(odd: Bool)

        public var description: String {
            switch self {
            case .roundNotOpen: "this round is not taking entries"
            case .alreadyEntered: "this person has already entered this round"
            case .unknownPharmacy(let p): "pharmacy: \(p) takes no part in this round"
            case .quotaReached(let q, let days, let used): "quota reached: \(used) of \(q) units in \(days) days"
            case .otherDay(let odd): odd ? "today is for identity numbers ending in an even digit" : "today is for identity numbers ending in an odd digit"
            }
        }
    }

    /// The quota that applies: the largest of the person's priority groups', or everyone's.
    public static func quota(groups: Set<String>, rules: SupplyRules) -> (units: Int, periodDays: Int) {
        let own = rules.priorityGroups.filter { groups.contains($0.id) }.max { $0.units < $1.units }
        return own.map { ($0.units, $0.periodDays) } ?? (rules.quotaUnits, rules.periodDays)
    }

    /// Is the identity number's parity today's? The last character decides (an `X` check character
    /// counts as 10, even); a number without a final digit may enter any day.
    public static func dayAllowed(idNumber: String?, day: CalendarDate, rules: SupplyRules) -> Bool {
        guard rules.oddEvenDays, let last = idNumber?.last else { return true }
        let value: Int
        if last == "X" || last == "x" { value = 10 } else if let d = last.wholeNumberValue { value = d } else { return true }
        return value % 2 == day.day % 2
    }

    /// Checks one entry. `used` is what the person won in the quota's period plus their entries in
    /// rounds not drawn yet (each counted at its round's `perEntry`).
    public static func check(
        round: MaskRound, pharmacy: String, alreadyEntered: Bool, used: Int, groups: Set<String>, idNumber: String?, today: CalendarDate,
        now: Date, rules: SupplyRules
    ) -> Refusal? {
        guard round.isOpen(at: now) else { return .roundNotOpen }
        guard !alreadyEntered else { return .alreadyEntered }
        guard round.quantities[pharmacy] != nil else { return .unknownPharmacy(pharmacy) }
        guard dayAllowed(idNumber: idNumber, day: today, rules: rules) else { return .otherDay(odd: today.day % 2 == 1) }
        let quota = quota(groups: groups, rules: rules)
        if used + round.perEntry > quota.units { return .quotaReached(quota: quota.units, periodDays: quota.periodDays, used: used) }
        return nil
    }
}
