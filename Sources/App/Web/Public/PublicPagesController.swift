import Domain
import Foundation
import Hummingbird

/// The public pages (no sign-in): the daily bulletin with the epidemic curve, case disclosures, the
/// case map, "near me", risk areas, rumour rebuttals and notices, and their Atom feed.
struct PublicPagesController {
    let store: any PublicInformationRepository
    let atom: AtomFeed
    let bulletin: BulletinService
    let reproductionNumber: ReproductionNumberService
    let disclosures: DisclosureService
    let nearMe: NearMeService
    let riskAreaList: RiskAreaList
    let publicCache: PublicCache
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("public") { request, context in
            try await cached(request, context) {
                var page = PublicBulletinPage(try await bulletin.today(), english: Language.of(request) == .en, archived: false)
                page.rt = RtSummary(try await reproductionNumber.current(), lang: Language.of(request))
                return pages.html("public-bulletin", page, request: request, context: context)
            }
        }
        // The archive: the bulletin as it stood at the end of an earlier day.
        router.get("public/bulletin/:day") { request, context in
            guard let day = CalendarDate(iso: try context.parameters.require("day")) else { throw HTTPError(.notFound) }
            return try await cached(request, context) {
                let page = PublicBulletinPage(try await bulletin.on(day), english: Language.of(request) == .en, archived: true)
                return pages.html("public-bulletin", page, request: request, context: context)
            }
        }
        router.get("public/cases") { request, context in
            try await cached(request, context) {
                let lang = Language.of(request)
                let cases = try await disclosures.published().reversed().map { PublicCaseRow($0, lang, time: pages.time) }
                return pages.html("public-cases", PublicCasesPage(cases: cases, hasCases: !cases.isEmpty), request: request, context: context)
            }
        }
        router.get("public/map") { request, context in
            try await cached(request, context) { pages.html("public-map", PublicMapPage(), request: request, context: context) }
        }
        router.get("public/near") { request, context in
            // The search form alone is the same for everybody; an answer depends on the query.
            if request.uri.query?.isEmpty ?? true {
                return try await cached(request, context) {
                    pages.html("public-near", NearMePage(km: "3", compoundQuery: ""), request: request, context: context)
                }
            }
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            var page = NearMePage(km: q.get("km") ?? "3", compoundQuery: q.get("compound") ?? "")
            var point: (lat: Double, lon: Double)? = nil
            if let lat = q.get("lat").flatMap(Double.init), let lon = q.get("lon").flatMap(Double.init), (-90...90).contains(lat), (-180...180).contains(lon) {
                point = (lat, lon)
            } else if let name = q.get("compound")?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                if let place = try await nearMe.compound(named: name), let lat = place.latitude, let lon = place.longitude {
                    point = (lat, lon)
                    page.compoundName = place.name
                } else {
                    page.message = Strings.text("noSuchCompound", lang)
                }
            }
            if let point {
                let km = min(max(q.get("km").flatMap(Double.init) ?? 3, 0.1), 50)
                let near = try await nearMe.near(point, radius: km * 1000)
                page.searched = true
                page.cases = near.cases.map { c in
                    var row = PublicCaseRow(c.item, lang, time: pages.time)
                    row.distance = Int(c.metres.rounded())
                    return row
                }
                page.areas = near.areas.map { NearAreaRow(name: $0.item.name, level: Strings.text("risk.\($0.item.level)", lang), distance: Int($0.metres.rounded())) }
                page.standingIn = near.standingIn.map { Strings.text("near.standingIn", lang, Strings.text("risk.\($0.level)", lang), $0.name) }
                if near.cases.isEmpty && near.areas.isEmpty {
                    page.nothingNear = Strings.text("near.nothing", lang, String(format: "%g", km))
                }
            }
            return pages.render("public-near", page, request: request, context: context)
        }
        router.get("public/risk-areas") { request, context in
            try await cached(request, context) {
                let lang = Language.of(request)
                let areas = try await riskAreaList.current().map {
                    PublicRiskAreaRow(name: $0.name, level: $0.level, levelName: Strings.text("risk.\($0.level)", lang), cases: $0.cases,
                        since: $0.since.map(pages.time) ?? "—", until: $0.until.map(pages.time) ?? "—")
                }
                return pages.html("public-risk-areas", PublicRiskAreasPage(areas: areas, hasAreas: !areas.isEmpty), request: request, context: context)
            }
        }
        router.get("public/rumours") { request, context in
            try await cached(request, context) {
                let posts = try await store.posts(kind: .rebuttal, limit: 200).map { PublicPostRow($0, Language.of(request), time: pages.time) }
                return pages.html("public-posts", PublicPostsPage(rebuttals: true, posts: posts, hasPosts: !posts.isEmpty), request: request, context: context)
            }
        }
        router.get("public/notices") { request, context in
            try await cached(request, context) {
                let posts = try await store.posts(kind: .notice, limit: 200).map { PublicPostRow($0, Language.of(request), time: pages.time) }
                return pages.html("public-posts", PublicPostsPage(rebuttals: false, posts: posts, hasPosts: !posts.isEmpty), request: request, context: context)
            }
        }
        router.get("public/feed.atom") { request, _ in
            let feed = try await atom.xml(baseURL: Self.base(request), language: Language.of(request))
            return Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8", .cacheControl: "public, max-age=60"],
                body: .init(byteBuffer: ByteBuffer(string: feed)))
        }
    }

    /// A public page as an anonymous reader sees it is the same for everybody in one language: it
    /// is rendered once per language and data change (`PublicCache`, cleared by every publication)
    /// and served with an ETag. A signed-in reader's page names them in the header: rendered for them.
    private func cached(
        _ request: Request, _ context: CordonRequestContext, render: @escaping @Sendable () async throws -> String
    ) async throws -> Response {
        guard context.identity == nil else {
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: try await render())))
        }
        let key = "page:" + request.uri.path + ":" + Language.of(request).rawValue
        let page = try await publicCache.value(key) { CachedDocument(Data(try await render().utf8), contentType: "text/html; charset=utf-8") }
        // The language comes from the cookie or Accept-Language, and a cookie may sign the reader in.
        return page.response(to: request, headers: [.vary: "Accept-Language, Cookie"])
    }

    static func base(_ request: Request) -> String { "http://" + (request.head.authority ?? "localhost") }
}
