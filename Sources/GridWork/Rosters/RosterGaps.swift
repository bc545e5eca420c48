import Domain
import Foundation

/// The hours in a window when a checkpoint has nobody on duty (卡口 are staffed around the clock):
/// the window minus the union of its staffed shifts.
public enum RosterGaps {
    public static func gaps(_ shifts: [DutyShift], from: Date, to: Date) -> [(from: Date, to: Date)] {
        var out: [(Date, Date)] = []
        var covered = from
        for s in shifts.filter({ !$0.staff.isEmpty && $0.endsAt > from && $0.startsAt < to }).sorted(by: { $0.startsAt < $1.startsAt }) {
            if s.startsAt > covered { out.append((covered, s.startsAt)) }
            covered = max(covered, s.endsAt)
        }
        if covered < to { out.append((covered, to)) }
        return out
    }
}
