import Domain
import Foundation
import Hummingbird

/// The public pages (no sign-in): the daily bulletin with the epidemic curve, case disclosures, the
/// case map, "near me", risk areas, rumour rebuttals and notices, and their Atom feed.
struct PublicPagesController {
    let store: any PublicInformationRepository
    let atom: AtomFeed
    let bulletin: BulletinService
    let disclosures: DisclosureService
    let nearMe: NearMeService
    let riskAreaList: RiskAreaList
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("public") { request, context in
            let b = try await bulletin.today()
            let districts: [[String: Any]] = b.districts.map { ["name": $0.name, "new": $0.new, "total": $0.total] }
            return pages.render("public-bulletin", ["day": b.day, "new": b.new, "total": b.total, "districts": districts], request: request, context: context)
        }
        router.get("public/cases") { request, context in
            let lang = Language.of(request)
            let cases = try await disclosures.published().reversed().map { Self.caseValues($0, lang) }
            return pages.render("public-cases", ["cases": Array(cases), "hasCases": !cases.isEmpty], request: request, context: context)
        }
        router.get("public/map") { request, context in
            pages.render("public-map", [:], request: request, context: context)
        }
        router.get("public/near") { request, context in
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            var values: [String: Any] = ["km": q.get("km") ?? "3", "compoundQuery": q.get("compound") ?? ""]
            var point: (lat: Double, lon: Double)? = nil
            if let lat = q.get("lat").flatMap(Double.init), let lon = q.get("lon").flatMap(Double.init), (-90...90).contains(lat), (-180...180).contains(lon) {
                point = (lat, lon)
            } else if let name = q.get("compound")?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                if let place = try await nearMe.compound(named: name), let lat = place.latitude, let lon = place.longitude {
                    point = (lat, lon)
                    values["compoundName"] = place.name
                } else {
                    values["message"] = Strings.text("noSuchCompound", lang)
                }
            }
            if let point {
                let km = min(max(q.get("km").flatMap(Double.init) ?? 3, 0.1), 50)
                let near = try await nearMe.near(point, radius: km * 1000)
                values["searched"] = true
                values["cases"] = near.cases.map { c -> [String: Any] in
                    var v = Self.caseValues(c.item, lang)
                    v["distance"] = Int(c.metres.rounded())
                    return v
                }
                values["areas"] = near.areas.map { ["name": $0.item.name, "level": Strings.text("risk.\($0.item.level)", lang), "distance": Int($0.metres.rounded())] }
            }
            return pages.render("public-near", values, request: request, context: context)
        }
        router.get("public/risk-areas") { request, context in
            let lang = Language.of(request)
            let areas: [[String: Any]] = try await riskAreaList.current().map {
                ["name": $0.name, "level": $0.level, "levelName": Strings.text("risk.\($0.level)", lang), "cases": $0.cases,
                 "since": $0.since.map(StatusView.local) ?? "—", "until": $0.until.map(StatusView.local) ?? "—"]
            }
            return pages.render("public-risk-areas", ["areas": areas, "hasAreas": !areas.isEmpty], request: request, context: context)
        }
        router.get("public/rumours") { request, context in
            let posts = try await store.posts(kind: .rebuttal, limit: 200).map { Self.postValues($0, Language.of(request)) }
            return pages.render("public-posts", ["rebuttals": true, "posts": posts, "hasPosts": !posts.isEmpty], request: request, context: context)
        }
        router.get("public/notices") { request, context in
            let posts = try await store.posts(kind: .notice, limit: 200).map { Self.postValues($0, Language.of(request)) }
            return pages.render("public-posts", ["rebuttals": false, "posts": posts, "hasPosts": !posts.isEmpty], request: request, context: context)
        }
        router.get("public/feed.atom") { request, _ in
            let feed = try await atom.xml(baseURL: Self.base(request), language: Language.of(request))
            return Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8", .cacheControl: "public, max-age=60"],
                body: .init(byteBuffer: ByteBuffer(string: feed)))
        }
    }

    static func base(_ request: Request) -> String { "http://" + (request.head.authority ?? "localhost") }

    static func caseValues(_ d: CaseDisclosure.Published, _ lang: Language) -> [String: Any] {
        var v: [String: Any] = [
            "number": d.number, "sex": Strings.text("sex.\(d.sex)", lang), "ageBand": d.ageBand, "confirmedOn": d.confirmedOn,
            "stops": d.trajectory.map { ["place": $0.place, "from": StatusView.local($0.from), "to": StatusView.local($0.to)] },
        ]
        if let c = d.compound { v["compound"] = c }
        if let district = d.district { v["district"] = district }
        return v
    }

    static func postValues(_ p: PublicPost, _ lang: Language) -> [String: Any] {
        var v: [String: Any] = [
            "id": p.id, "title": p.title.text(lang.rawValue), "body": p.body.text(lang.rawValue), "published": StatusView.local(p.publishedAt),
            "sources": p.sources, "hasSources": !p.sources.isEmpty,
        ]
        if let verdict = p.verdict { v["verdict"] = Strings.text("verdict.\(verdict)", lang) }
        return v
    }
}
