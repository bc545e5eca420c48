import Domain
import Foundation
import Testing

@Suite("Feed health")
struct FeedHealthTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    static func activity(_ kind: String, _ source: String, minutesAgo: Double) -> FeedActivity {
        FeedActivity(kind: kind, source: source, lastAt: now - minutesAgo * 60, lastHour: 0, lastDay: 1)
    }

    @Test("late past the expected interval of the source, else of its kind; no expectation, never late; late ones first")
    func lateness() {
        var rules = FeedRules()
        rules.expectedMinutes = ["presence": 60, "token:slow-gates": 240, "labs": 360]
        let health = FeedHealth.assess(
            [
                Self.activity("presence", "token:gates", minutesAgo: 59), Self.activity("presence", "token:slow-gates", minutesAgo: 200),
                Self.activity("labs", "token:labs", minutesAgo: 361), Self.activity("areas", "cli:ops", minutesAgo: 100_000),
                Self.activity("presence", "token:quiet", minutesAgo: 61),
            ], rules: rules, now: Self.now)
        #expect(health.filter(\.isLate).map(\.activity.source) == ["token:labs", "token:quiet"])
        let firstTwoLate = health.prefix(2).allSatisfy { $0.isLate }
        #expect(firstTwoLate)
        #expect(health.first { $0.activity.source == "token:slow-gates" }?.expectedMinutes == 240)
        #expect(health.first { $0.activity.source == "cli:ops" }.map { $0.expectedMinutes == nil && !$0.isLate } == true)
    }

    @Test("the profile's intervals are checked")
    func profileReview() {
        var profile = OutbreakProfile()
        profile.feeds.expectedMinutes["presence"] = 0
        #expect(ProfileReview.problems(profile) == ["feeds.expectedMinutes.presence: 0 is outside 1…10080"])
    }
}
