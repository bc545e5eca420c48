import Domain
import Foundation

/// The Atom feed (RFC 4287) of bulletins (one entry a day with cases), notices and rumour rebuttals.
struct AtomFeed: Sendable {
    let store: any PublicInformationRepository
    let clock: WallClock
    let bulletin: BulletinService

    func xml(baseURL: String, language: Language) async throws -> String {
        let today = try await bulletin.today()
        let posts = try await store.posts(kind: nil, limit: 100)
        var entries: [(id: String, title: String, updated: Date, link: String, summary: String)] = []
        for day in today.curve.suffix(14) where day.new > 0 {
            guard let date = CalendarDate(iso: day.day) else { continue }
            let at = Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400)
            entries.append((
                "urn:cordon:bulletin:\(day.day)", Strings.text("bulletinTitle", language, day.day), at, baseURL + "/public",
                Strings.text("bulletinSummary", language, String(day.new))
            ))
        }
        for p in posts {
            entries.append((
                "urn:cordon:\(p.kind.rawValue):\(p.id)", p.title.text(language.rawValue), p.publishedAt,
                baseURL + (p.kind == .notice ? "/public/notices" : "/public/rumours"), p.body.text(language.rawValue)
            ))
        }
        entries.sort { $0.updated > $1.updated }
        let updated = entries.first?.updated ?? clock.now()
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.rawValue)">
              <id>urn:cordon:public</id>
              <title>\(Self.escape(Strings.text("publicFeed", language)))</title>
              <updated>\(Timestamp.format(updated))</updated>
              <link rel="self" href="\(Self.escape(baseURL))/public/feed.atom"/>
              <author><name>Cordon</name></author>

            """
        for e in entries {
            out += """
                  <entry>
                    <id>\(Self.escape(e.id))</id>
                    <title>\(Self.escape(e.title))</title>
                    <updated>\(Timestamp.format(e.updated))</updated>
                    <link href="\(Self.escape(e.link))"/>
                    <summary>\(Self.escape(e.summary))</summary>
                  </entry>

                """
        }
        return out + "</feed>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
