import Domain
import Foundation

/// Feed health for the command centre (城市大脑's "which feeds are late"): every source that
/// delivered in the last week, its last records, records this hour and in 24 hours, and whether it
/// is late against the profile's `feeds.expectedMinutes`.
public struct FeedHealthService: Sendable {
    let store: any FeedRepository & AccountRepository & OutboxRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory
    let sms: SMSComposer
    let alerts: AlertSettings

    /// How far back a silent source is still listed.
    public static let listedDays = 7

    public func current(as principal: Principal) async throws -> [FeedHealth] {
        try await directory.authorize(principal, .readFeeds, kind: "feeds", id: "list")
        let now = clock.now()
        return FeedHealth.assess(try await store.feedActivity(now: now, days: Self.listedDays), rules: profiles.profile.feeds, now: now)
    }

    /// Each run of the rules: a feed that turned late is told to the command centre's work phones,
    /// once per silence (the fact is the source and its last delivery: a new delivery, then a new
    /// silence, is told again). Returns the messages queued.
    @discardableResult
    public func alertLate() async throws -> [OutboxMessage] {
        let now = clock.now()
        let late = FeedHealth.assess(try await store.feedActivity(now: now, days: Self.listedDays), rules: profiles.profile.feeds, now: now).filter(\.isLate)
        guard !late.isEmpty else { return [] }
        let phones = try await store.activeAccounts(role: .commandCentre).compactMap { a in a.workPhone.map { (a.id, $0) } }
        let lang = Language(rawValue: alerts.language) ?? .zh
        let local = LocalTime(offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        var messages: [OutboxMessage] = []
        for feed in late {
            let a = feed.activity
            let body = try AlertTemplate.render(
                .feedLate, language: alerts.language,
                ["source": a.source, "kind": Strings.text("feeds.kind.\(a.kind)", lang), "last": local.display(a.lastAt), "expected": "\(feed.expectedMinutes ?? 0)"])
            for (account, phone) in phones {
                var message = try sms.sms(to: phone, kind: .feedLate, body: body)
                message.factKey = "feed-late:\(a.kind):\(a.source):\(Int64(a.lastAt.timeIntervalSince1970)):\(account)"
                messages.append(message)
            }
        }
        guard !messages.isEmpty else { return [] }
        return try await store.enqueueAlerts(messages, window: 0, audit: clock.event("system:feeds", .notifyQueue, detail: "\(late.count) late feeds"))
    }
}
