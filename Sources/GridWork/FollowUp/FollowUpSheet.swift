import Domain
import Foundation

/// One person's quarantine follow-up as the worker sees it: today's entry, and whether they are
/// lost to follow-up (no sighting and no check-in of their own on each of the last `lostAfterDays`
/// complete days). A missed day itself needs no flag here: the colour rules extend the quarantine.
public struct FollowUpSheet: Sendable, Equatable {
    public var person: String
    public var today: FollowUp?
    public var lost: Bool
    /// Days seen or checked in since the quarantine began.
    public var daysSeen: Int

    public init(person: String, followUps: [FollowUp], checkInDays: Set<CalendarDate>, since: CalendarDate, today: CalendarDate, lostAfterDays: Int) {
        self.person = person
        self.today = followUps.last { $0.day == today }
        let seen = Set(followUps.filter { $0.outcome != .notSeen }.map(\.day)).union(checkInDays)
        self.daysSeen = seen.filter { $0 >= since && $0 <= today }.count
        let recent = (1...max(1, lostAfterDays)).map { CalendarDate(daysSinceEpoch: today.daysSinceEpoch - $0) }.filter { $0 >= since }
        self.lost = recent.count == lostAfterDays && recent.allSatisfy { !seen.contains($0) }
    }
}
