import Domain
import Foundation

/// Feed health for the command centre (城市大脑's "which feeds are late"): every source that
/// delivered in the last week, its last records, records this hour and in 24 hours, and whether it
/// is late against the profile's `feeds.expectedMinutes`.
public struct FeedHealthService: Sendable {
    let store: any FeedRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    /// How far back a silent source is still listed.
    public static let listedDays = 7

    public func current(as principal: Principal) async throws -> [FeedHealth] {
        try await directory.authorize(principal, .readFeeds, kind: "feeds", id: "list")
        let now = clock.now()
        return FeedHealth.assess(try await store.feedActivity(now: now, days: Self.listedDays), rules: profiles.profile.feeds, now: now)
    }
}
