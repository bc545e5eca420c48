import Domain
import Foundation
import Hummingbird

/// `/feeds`: every data source, what it delivered and whether it is late, late ones first
/// (command centre and administrators, `feeds:read`).
struct FeedPagesController {
    let feeds: FeedHealthService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("feeds") { request, context in
            let principal = try context.requirePrincipal(may: .readFeeds)
            let lang = Language.of(request)
            let rows = try await feeds.current(as: principal).map { FeedRow($0, lang, time: pages.time) }
            return pages.render("feeds", FeedsPage(rows: rows, hasRows: !rows.isEmpty, lateCount: rows.filter(\.late).count, hasLate: rows.contains(where: \.late)), request: request, context: context)
        }
    }
}

struct FeedsPage: PageModel {
    let rows: [FeedRow]
    let hasRows: Bool
    let lateCount: Int
    /// Mustache shows a section for any number, 0 included: the flag decides.
    let hasLate: Bool
}

/// A source as the command centre reads it: the kind in words, who it is, when it last delivered.
struct FeedRow: Sendable {
    let kind: String
    let source: String
    let last: String
    let thisHour: Int
    let lastDay: Int
    let expected: String
    let late: Bool

    init(_ h: FeedHealth, _ lang: Language, time: (Date) -> String) {
        kind = Strings.text("feeds.kind.\(h.activity.kind)", lang)
        source = h.activity.source
        last = time(h.activity.lastAt)
        (thisHour, lastDay) = (h.activity.lastHour, h.activity.lastDay)
        expected = h.expectedMinutes.map { Strings.text("feeds.every", lang, "\($0)") } ?? Strings.text("feeds.noExpectation", lang)
        late = h.isLate
    }
}
