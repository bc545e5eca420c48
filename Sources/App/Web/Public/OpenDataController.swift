import Domain
import Foundation
import Hummingbird

/// `/open-data/…`: the bulletin figures, risk areas and case disclosures as CSV, JSON and GeoJSON,
/// documented in the README, versioned, cacheable; and the map's base layer of areas. Each document
/// is made at most once per cache lifetime and served as the same bytes (and ETag) in between.
struct OpenDataController {
    let store: any AreaRepository
    let publicCache: PublicCache
    let bulletin: BulletinService
    let disclosures: DisclosureService
    let riskAreaList: RiskAreaList
    let reproductionNumber: ReproductionNumberService

    static let json = "application/json", csv = "text/csv; charset=utf-8", geo = "application/geo+json"

    func register(on router: Router<CordonRequestContext>) {
        let documents: [(path: String, type: String, make: @Sendable () async throws -> Data)] = [
            ("bulletin.json", Self.json, { try OpenData.json(try await bulletin.today()) }),
            ("bulletin.csv", Self.csv, bulletinCSV),
            ("bulletin.geojson", Self.geo, bulletinGeoJSON),
            ("risk-areas.json", Self.json, riskAreasJSON),
            ("risk-areas.csv", Self.csv, riskAreasCSV),
            ("risk-areas.geojson", Self.geo, riskAreasGeoJSON),
            ("disclosures.json", Self.json, disclosuresJSON),
            ("disclosures.csv", Self.csv, disclosuresCSV),
            ("disclosures.geojson", Self.geo, disclosuresGeoJSON),
            ("areas.geojson", Self.geo, areasGeoJSON),
            ("rt.json", Self.json, { try OpenData.json(try await reproductionNumber.current()) }),
        ]
        for document in documents {
            router.get("open-data/\(document.path)") { [publicCache] request, _ in
                let cached = try await publicCache.value("open-data/" + document.path) {
                    CachedDocument(try await document.make(), contentType: document.type)
                }
                return cached.response(to: request, headers: [.accessControlAllowOrigin: "*"])
            }
        }
    }

    func bulletinCSV() async throws -> Data {
        let b = try await bulletin.today()
        let rows = b.districts.map { [b.day, $0.id, $0.name, "\($0.new)", "\($0.total)"] } + b.curve.map { [$0.day, "", "", "\($0.new)", ""] }
        return OpenData.csv(["day", "district_id", "district_name", "new", "total"], rows)
    }

    /// The day's figures on the districts' outlines (a district without an outline is left out).
    func bulletinGeoJSON() async throws -> Data {
        let b = try await bulletin.today()
        var features: [(geometry: String, properties: DistrictFeature)] = []
        for d in b.districts {
            guard let geometry = try await store.area(id: d.id)?.geometry else { continue }
            features.append((geometry, DistrictFeature(id: d.id, name: d.name, day: b.day, new: d.new, total: d.total)))
        }
        return try OpenData.geoJSON(features)
    }

    func riskAreasJSON() async throws -> Data {
        struct Document: Encodable {
            var schemaVersion = OpenData.schemaVersion
            var areas: [RiskAreaList.Entry]
        }
        let areas = try await riskAreaList.current().map { e -> RiskAreaList.Entry in
            var e = e
            e.geometry = nil  // in the GeoJSON
            return e
        }
        return try OpenData.json(Document(areas: areas))
    }

    func riskAreasCSV() async throws -> Data {
        let rows = try await riskAreaList.current().map {
            [$0.id, $0.name, $0.level, "\($0.cases)", $0.since.map(Timestamp.format) ?? "", $0.until.map(Timestamp.format) ?? ""]
        }
        return OpenData.csv(["area_id", "name", "level", "cases", "since", "until"], rows)
    }

    func riskAreasGeoJSON() async throws -> Data {
        let features = try await riskAreaList.current().compactMap { e -> (geometry: String, properties: RiskAreaFeature)? in
            guard let geometry = e.geometry ?? e.latitude.flatMap({ lat in e.longitude.map { OpenData.point(lat, $0) } }) else { return nil }
            return (geometry, RiskAreaFeature(id: e.id, name: e.name, level: e.level, cases: e.cases))
        }
        return try OpenData.geoJSON(features)
    }

    func disclosuresJSON() async throws -> Data {
        struct Document: Encodable {
            var schemaVersion = OpenData.schemaVersion
            var cases: [CaseDisclosure.Published]
        }
        return try OpenData.json(Document(cases: try await disclosures.published()))
    }

    /// One row per stop (a case without stops has one row with empty place columns).
    func disclosuresCSV() async throws -> Data {
        var rows: [[String]] = []
        for d in try await disclosures.published() {
            let head = [d.id, "\(d.number)", d.sex, d.ageBand, d.compound ?? "", d.district ?? "", d.confirmedOn]
            if d.trajectory.isEmpty { rows.append(head + ["", "", "", ""]) }
            for s in d.trajectory { rows.append(head + [s.place, s.kind.rawValue, Timestamp.format(s.from), Timestamp.format(s.to)]) }
        }
        return OpenData.csv(["case_id", "number", "sex", "age_band", "compound", "district", "confirmed_on", "place", "place_kind", "from", "to"], rows)
    }

    func disclosuresGeoJSON() async throws -> Data {
        let features = try await disclosures.published().compactMap { d -> (geometry: String, properties: DisclosureFeature)? in
            guard let lat = d.latitude, let lon = d.longitude else { return nil }
            return (OpenData.point(lat, lon), DisclosureFeature(id: d.id, number: d.number, compound: d.compound ?? "", confirmedOn: d.confirmedOn))
        }
        return try OpenData.geoJSON(features)
    }

    /// The map's base layer: districts and communities with their outline and risk level.
    func areasGeoJSON() async throws -> Data {
        let current = try await riskAreaList.current()
        let levels = Dictionary(current.map { ($0.id, $0.level) }, uniquingKeysWith: { a, _ in a })
        let cases = Dictionary(current.map { ($0.id, $0.cases) }, uniquingKeysWith: { a, _ in a })
        var features: [(geometry: String, properties: AreaFeature)] = []
        var queue = try await store.children(of: nil)
        while let area = queue.popLast() {
            if area.level < .community { queue += try await store.children(of: area.id) }
            guard let geometry = area.geometry, area.level == .district || area.level == .community else { continue }
            features.append(
                (geometry, AreaFeature(id: area.id, name: area.name, nameEn: area.nameEn, level: area.level.rawValue, risk: levels[area.id] ?? "low", cases: cases[area.id] ?? 0)))
        }
        return try OpenData.geoJSON(features.sorted { $0.properties.id < $1.properties.id })
    }
}

// The properties of each GeoJSON document's features (the keys clients read; written sorted).

/// `bulletin.geojson`: a district's figures for the day.
struct DistrictFeature: Encodable {
    let id: String
    let name: String
    let day: String
    let new: Int
    let total: Int
}

/// `risk-areas.geojson`: a current risk area.
struct RiskAreaFeature: Encodable {
    let id: String
    let name: String
    let level: String
    let cases: Int
}

/// `disclosures.geojson`: a published case at its compound (`compound` is empty when unnamed).
struct DisclosureFeature: Encodable {
    let id: String
    let number: Int
    let compound: String
    let confirmedOn: String
}

/// `areas.geojson`: a district or community with its risk level (`low` when not a risk area) and
/// the cases that made it one (0 otherwise); `nameEn` where the area import gave one.
struct AreaFeature: Encodable {
    let id: String
    let name: String
    let nameEn: String?
    let level: String
    let risk: String
    let cases: Int
}
