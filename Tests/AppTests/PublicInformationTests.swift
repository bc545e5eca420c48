import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Public information (issue 7): disclosures publish only allowed fields and only once approved,
/// "near me" agrees with a brute-force distance check, the Atom feed is XML with the right entries,
/// open data answers 304 to its own ETag.
@Suite("Public information")
struct PublicInformationTests {
    func staff(_ city: TestCity, _ username: String) async throws -> Principal {
        Principal(staff: try #require(try await city.services.store.account(username: username)))
    }

    @Test("a disclosure carries only the allowed fields: no value of any other field of the resident appears in any public output",
        arguments: Backend.available)
    func allowedFields(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 1500)
        let service = city.services.disclosures
        #expect(try await service.draftNew() > 0)
        let epi = try await staff(city, "epi")
        let drafts = try await city.services.store.disclosures(approvedOnly: false, limit: 1_000)
        for d in drafts { #expect(try await service.approve(d.id, as: epi)) }

        let published = try await service.published()
        #expect(published.count == drafts.count)
        // Every key of every published case is on the allowed list.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(published)) as? [[String: Any]] ?? []
        for object in json { #expect(Set(object.keys).isSubset(of: CaseDisclosure.allowedFields)) }

        try await city.test { client in
            var outputs: [String] = []
            for path in ["/public/cases", "/open-data/disclosures.json", "/open-data/disclosures.csv", "/open-data/disclosures.geojson", "/public/feed.atom"] {
                let response = try await client.get(path, language: "zh-CN")
                #expect(response.status == .ok)
                outputs.append(response.text)
            }
            let all = outputs.joined(separator: "\n")
            // The cases' residents, field by field: only sex and the compound may show (they are allowed).
            var checked = 0
            for person in try await caseResidents(city, count: drafts.count) {
                let r = try city.services.vault.open(person)
                let forbidden: [(String, String?)] = [
                    ("id", r.id), ("name", r.name), ("idNumber", r.idNumber), ("phone", r.phone), ("householdID", r.householdID),
                    ("areaID", r.areaID), ("address", r.address), ("birthDate", r.birthDate?.description), ("idType", r.idType.rawValue == "resident-id" ? nil : r.idType.rawValue),
                ]
                for (field, value) in forbidden {
                    guard let value, value.count >= 4 else { continue }
                    #expect(!all.contains(value), "the resident's \(field) (\(value)) appears in a public output")
                    checked += 1
                }
            }
            #expect(checked > 10)
        }
        try await city.close()
    }

    /// The residents who are confirmed cases (what the disclosures were drafted from).
    func caseResidents(_ city: TestCity, count: Int) async throws -> [SealedResident] {
        var out: [SealedResident] = []
        for lab in try await city.services.store.positiveLabResults(within: .everywhere, limit: 10_000) where lab.test == .pcr {
            if let r = try await city.services.store.resident(id: lab.person), !out.contains(where: { $0.id == r.id }) { out.append(r) }
        }
        return out
    }

    @Test("an unapproved disclosure is invisible to the public; only an epidemiologist approves (others refused, audited)", arguments: Backend.available)
    func approval(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 1500)
        let service = city.services.disclosures
        let drafted = try await service.draftNew()
        #expect(drafted >= 2)
        let drafts = try await city.services.store.disclosures(approvedOnly: false, limit: 100)
        try await city.test { client in
            #expect(try await client.get("/public/cases", language: "en").text.contains("No cases published."))
            let open = try await client.get("/open-data/disclosures.json")
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: open.body)) as? [String: Any])?["cases"] as? [Any] != nil)
            #expect(((try JSONSerialization.jsonObject(with: Data(buffer: open.body)) as? [String: Any])?["cases"] as? [Any])?.isEmpty == true)

            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await client.postForm("/disclosures/\(drafts[0].id)/approve", [:], cookie: grid).status == .forbidden)
            let epi = try await client.signIn(try city.account("epi"))
            #expect(try await client.postForm("/disclosures/\(drafts[0].id)/approve", [:], cookie: epi).status == .seeOther)
            let page = try await client.get("/public/cases", language: "en")
            #expect(page.text.contains("Case \(drafts[0].number)"))
            #expect(!page.text.contains("Case \(drafts[1].number)<"))
        }
        #expect(try await city.services.store.recentAudit(subjectID: drafts[0].id, limit: 10).contains { $0.event.action == "access.denied" })
        #expect(try await service.published().map(\.id) == [drafts[0].id])
        // The epidemiologist discards the cases: their disclosures leave the public outputs.
        let epi = try await staff(city, "epi")
        let published = try #require(try await city.services.store.disclosures(approvedOnly: true, limit: 10).first)
        for r in try await caseResidents(city, count: 10) {
            let record = CaseRecord(person: r.id, status: .discarded, outcome: "false positive", updatedBy: epi.auditName, updatedAt: city.services.clock.now())
            try await city.services.cases.update(record, as: epi)
        }
        #expect(try await service.published().isEmpty)
        #expect(try await city.services.store.disclosure(id: published.id)?.state == .withdrawn)
        try await city.close()
    }

    @Test("near me finds exactly the published cases a brute-force distance check finds, nearest first")
    func nearMe() async throws {
        let city = try await TestCity.make(.sqlite, residents: 3000)
        let service = city.services.disclosures
        try await service.draftNew()
        let epi = try await staff(city, "epi")
        for d in try await city.services.store.disclosures(approvedOnly: false, limit: 1_000) { _ = try await service.approve(d.id, as: epi) }
        let published = try await service.published().filter { $0.latitude != nil }
        #expect(published.count >= 2)
        let centre = try #require(published.first.flatMap { d in d.latitude.flatMap { lat in d.longitude.map { (lat: lat + 0.003, lon: $0 - 0.002) } } })
        for radius in [300.0, 1_500, 5_000, 50_000] {
            let near = try await city.services.nearMe.near(centre, radius: radius)
            // Brute force, another formula: the spherical law of cosines.
            let rad = Double.pi / 180
            let expected = published.filter { d in
                let (lat, lon) = (d.latitude ?? 0, d.longitude ?? 0)
                let c = sin(centre.lat * rad) * sin(lat * rad) + cos(centre.lat * rad) * cos(lat * rad) * cos((lon - centre.lon) * rad)
                return 6_371_000 * acos(min(1, max(-1, c))) <= radius
            }
            #expect(Set(near.cases.map(\.item.id)) == Set(expected.map(\.id)), "radius \(radius)")
            #expect(near.cases.map(\.metres) == near.cases.map(\.metres).sorted())
        }
        try await city.close()
    }

    @Test("public pages are rendered once per language and data change for anonymous readers, with an ETag and 304; a publication shows at once; a signed-in reader gets their own page",
        arguments: Backend.available)
    func cachedPublicPages(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        try await city.test { client in
            let zh = try await client.get("/public/notices", language: "zh-CN")
            let en = try await client.get("/public/notices", language: "en")
            let tag = try #require(zh.headers[.eTag])
            #expect(en.headers[.eTag] != tag && en.text.contains("lang=\"en\"") && zh.text.contains("lang=\"zh"))
            #expect(zh.headers[.vary]?.contains("Accept-Language") == true)
            let again = try await client.execute(uri: "/public/notices", method: .get, headers: [.ifNoneMatch: tag, .acceptLanguage: "zh-CN"])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            for path in ["/public", "/public/cases", "/public/map", "/public/risk-areas", "/public/rumours", "/public/near"] {
                #expect(try await client.get(path).headers[.eTag] != nil, "\(path)")
            }

            let command = try await client.signIn(try city.account("command"))
            let signedIn = try await client.get("/public/notices", cookie: command, language: "en")
            #expect(signedIn.headers[.eTag] == nil && signedIn.headers[.cacheControl] == "no-store")
            #expect(try await client.get("/public/notices", language: "en").text.contains("signout") == false)
            _ = try await client.postForm("/publish", ["kind": "notice", "titleZh": "今晚全员核酸", "bodyZh": "八点开始"], cookie: command)
            let after = try await client.get("/public/notices", language: "zh-CN")
            #expect(after.text.contains("今晚全员核酸") && after.headers[.eTag] != tag)
        }
        try await city.close()
    }

    @Test("the Atom feed is well-formed XML with an entry for each notice, rebuttal and bulletin day; open data answers 304 to its ETag")
    func atomAndOpenData() async throws {
        let city = try await TestCity.make(.sqlite, residents: 1500)
        try await city.test { client in
            let command = try await client.signIn(try city.account("command"))
            let notice = try await client.postForm(
                "/publish", ["kind": "notice", "titleZh": "关于全员核酸检测的通告", "titleEn": "Mass testing", "bodyZh": "今晚八点 & 明早", "bodyEn": "Tonight <8pm>"],
                cookie: command)
            #expect(notice.status == .seeOther)
            // A rebuttal without its verdict: refused at the form, in the page's language, with everything typed kept.
            let refused = try await client.postForm(
                "/publish", ["kind": "rebuttal", "titleZh": "喝酒能防病毒", "bodyZh": "不能", "sources": "市卫健委"], cookie: command, language: "zh-CN")
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("结论：辟谣须注明结论") && refused.text.contains(#"value="喝酒能防病毒""#))
            #expect(refused.text.contains(">不能</textarea>") && refused.text.contains(">市卫健委</textarea>"))
            #expect(refused.text.contains(#"<option value="rebuttal" selected>"#))
            _ = try await client.postForm(
                "/publish", ["kind": "rebuttal", "titleZh": "喝酒能防病毒", "bodyZh": "不能。", "verdict": "false", "sources": "市卫健委"], cookie: command)
            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await client.postForm("/publish", ["kind": "notice", "titleZh": "x", "bodyZh": "y"], cookie: grid).status == .forbidden)

            let feed = try await client.get("/public/feed.atom", language: "en")
            #expect(feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let collector = AtomCollector()
            let parser = XMLParser(data: Data(buffer: feed.body))
            parser.delegate = collector
            #expect(parser.parse(), "the feed is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
            let ids = collector.entryIDs
            #expect(ids.filter { $0.hasPrefix("urn:cordon:notice:") }.count == 1)
            #expect(ids.filter { $0.hasPrefix("urn:cordon:rebuttal:") }.count == 1)
            let bulletin = try await city.services.bulletin.today()
            #expect(ids.filter { $0.hasPrefix("urn:cordon:bulletin:") }.count == bulletin.curve.suffix(14).filter { $0.new > 0 }.count)
            #expect(collector.titles.contains("Mass testing"))

            let first = try await client.get("/open-data/bulletin.json")
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl]?.contains("max-age") == true)
            let again = try await client.execute(uri: "/open-data/bulletin.json", method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: first.body)) as? [String: Any]
            #expect(json?["schemaVersion"] as? Int == 1 && (json?["total"] as? Int ?? -1) == bulletin.total)
            let geo = try await client.get("/open-data/bulletin.geojson")
            let collection = try JSONSerialization.jsonObject(with: Data(buffer: geo.body)) as? [String: Any]
            #expect(collection?["type"] as? String == "FeatureCollection" && (collection?["features"] as? [Any])?.count == bulletin.districts.count)
            for path in ["/open-data/bulletin.csv", "/open-data/risk-areas.csv", "/open-data/risk-areas.json", "/open-data/risk-areas.geojson", "/open-data/areas.geojson"] {
                let r = try await client.get(path)
                #expect(r.status == .ok && r.headers[.eTag] != nil, "\(path)")
            }
            #expect(try await client.get("/open-data/bulletin.csv").text.hasPrefix("schema_version,day,district_id"))
            for page in ["/public", "/public/map", "/public/near?compound=x", "/public/risk-areas", "/public/rumours", "/public/notices"] {
                #expect(try await client.get(page, language: "zh-CN").status == .ok, "\(page)")
            }

            // District names in English where the area import gave one; the map's areas carry both names and their cases.
            let english = try await client.get("/public", language: "en").text
            #expect(english.contains("<td>Shangcheng District</td>") && !english.contains("<td>上城区</td>"))
            #expect(try await client.get("/public", language: "zh-CN").text.contains("<td>上城区</td>"))
            let areas = try JSONSerialization.jsonObject(with: Data(buffer: try await client.get("/open-data/areas.geojson").body)) as? [String: Any]
            let properties = (areas?["features"] as? [[String: Any]] ?? []).compactMap { $0["properties"] as? [String: Any] }
            #expect(properties.contains { $0["nameEn"] as? String == "Shangcheng District" } && properties.allSatisfy { $0["cases"] is Int })
            // The archive: an earlier day's bulletin counts only the cases confirmed by then, and today's links to it.
            let earlier = try #require(bulletin.curve.dropLast().last { $0.new > 0 })
            #expect(english.contains("href=\"/public/bulletin/\(earlier.day)\""))
            let archived = try await client.get("/public/bulletin/\(earlier.day)", language: "en")
            let then = try await city.services.bulletin.on(try #require(CalendarDate(iso: earlier.day)))
            #expect(archived.status == .ok && archived.text.contains("This is an earlier day") && then.total <= bulletin.total)
            #expect(then.new == earlier.new && then.curve.last?.day == earlier.day)
            #expect(try await client.get("/public/bulletin/yesterday").status == .notFound)
        }
        try await city.close()
    }
}

/// Collects the Atom entries' ids and titles while checking the document parses.
final class AtomCollector: NSObject, XMLParserDelegate, @unchecked Sendable {
    var entryIDs: [String] = []
    var titles: [String] = []
    private var path: [String] = []
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        path.append(name)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if path.count >= 2, path[path.count - 2] == "entry" {
            if name == "id" { entryIDs.append(text) }
            if name == "title" { titles.append(text) }
        }
        path.removeLast()
    }
}
