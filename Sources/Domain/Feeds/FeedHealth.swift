import Foundation

/// What one data source delivered of one kind of record: a feed by its token, or whoever ran the
/// import (`cli:USER`, a staff account), or the checkpoints' own scans.
public struct FeedActivity: Sendable, Equatable {
    public var kind: String
    public var source: String
    /// When its last records were stored.
    public var lastAt: Date
    /// Records stored in the clock hour under way, and in it and the 23 before.
    public var lastHour: Int
    public var lastDay: Int

    public init(kind: String, source: String, lastAt: Date, lastHour: Int, lastDay: Int) {
        (self.kind, self.source, self.lastAt, self.lastHour, self.lastDay) = (kind, source, lastAt, lastHour, lastDay)
    }
}

/// A source with the interval it is expected to deliver within, and whether it is late.
public struct FeedHealth: Sendable, Equatable {
    public var activity: FeedActivity
    /// Minutes; nil when nothing is expected of it (a one-off load of areas, say).
    public var expectedMinutes: Int?
    public var isLate: Bool

    /// Each source against its expected interval: the profile's entry for the source itself
    /// (`token:labs-feed`), else for its kind (`labs`). Late ones first, then by kind and source.
    public static func assess(_ activity: [FeedActivity], rules: FeedRules, now: Date) -> [FeedHealth] {
        activity.map { a in
            let expected = rules.expectedMinutes[a.source] ?? rules.expectedMinutes[a.kind]
            let late = expected.map { now.timeIntervalSince(a.lastAt) > Double($0) * 60 } ?? false
            return FeedHealth(activity: a, expectedMinutes: expected, isLate: late)
        }.sorted { ($0.isLate ? 0 : 1, $0.activity.kind, $0.activity.source) < ($1.isLate ? 0 : 1, $1.activity.kind, $1.activity.source) }
    }
}
