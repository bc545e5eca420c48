import Domain
import Foundation

/// Overdue tasks climb the area tree: to the community officer, then the street, then the district,
/// one level every `escalateEveryHours` past the due time.
public enum Escalation {
    /// The level a task should be at now (0: not overdue; at most 3).
    public static func level(of task: GridTask, at now: Date, rules: GridRules) -> Int {
        guard task.isOverdue(at: now) else { return task.escalation }
        let late = now.timeIntervalSince(task.dueAt)
        let level = 1 + Int(late / (Double(rules.escalateEveryHours) * 3600))
        return max(task.escalation, min(3, level))
    }

    /// The area a task at `level` is escalated to: the community (1), street (2) or district (3)
    /// above its grid, read off the grid's path (`/city/district/street/community/grid/`).
    public static func area(gridPath: String, level: Int) -> String? {
        let ids = gridPath.split(separator: "/").map(String.init)
        guard level >= 1, level <= 3, ids.count >= 5 else { return nil }
        return ids[ids.count - 1 - level]
    }
}
