import Domain
import Foundation
import Hummingbird

/// `/open-data/…`: the bulletin figures, risk areas and case disclosures as CSV, JSON and GeoJSON,
/// documented in the README, versioned, cacheable; and the map's base layer of areas. Each document
/// is made at most once per cache lifetime and served as the same bytes (and ETag) in between.
struct OpenDataController {
    let services: CordonServices

    static let json = "application/json", csv = "text/csv; charset=utf-8", geo = "application/geo+json"

    func register(on router: Router<CordonRequestContext>) {
        let documents: [(path: String, type: String, make: @Sendable (CordonServices) async throws -> Data)] = [
            ("bulletin.json", Self.json, { try OpenData.json(try await BulletinService(services: $0).today()) }),
            ("bulletin.csv", Self.csv, Self.bulletinCSV),
            ("bulletin.geojson", Self.geo, Self.bulletinGeoJSON),
            ("risk-areas.json", Self.json, Self.riskAreasJSON),
            ("risk-areas.csv", Self.csv, Self.riskAreasCSV),
            ("risk-areas.geojson", Self.geo, Self.riskAreasGeoJSON),
            ("disclosures.json", Self.json, Self.disclosuresJSON),
            ("disclosures.csv", Self.csv, Self.disclosuresCSV),
            ("disclosures.geojson", Self.geo, Self.disclosuresGeoJSON),
            ("areas.geojson", Self.geo, Self.areasGeoJSON),
        ]
        for document in documents {
            router.get("open-data/\(document.path)") { [services] request, _ in
                let body = try await services.publicCache.value("open-data/" + document.path) { try await document.make(services) }
                return OpenData.response(body, contentType: document.type, request: request)
            }
        }
    }

    static func bulletinCSV(_ services: CordonServices) async throws -> Data {
        let b = try await BulletinService(services: services).today()
        let rows = b.districts.map { [b.day, $0.id, $0.name, "\($0.new)", "\($0.total)"] } + b.curve.map { [$0.day, "", "", "\($0.new)", ""] }
        return OpenData.csv(["day", "district_id", "district_name", "new", "total"], rows)
    }

    /// The day's figures on the districts' outlines (a district without an outline is left out).
    static func bulletinGeoJSON(_ services: CordonServices) async throws -> Data {
        let b = try await BulletinService(services: services).today()
        var features: [(String, [String: Any])] = []
        for d in b.districts {
            guard let geometry = try await services.store.area(id: d.id)?.geometry else { continue }
            features.append((geometry, ["id": d.id, "name": d.name, "day": b.day, "new": d.new, "total": d.total]))
        }
        return try OpenData.geoJSON(features)
    }

    static func riskAreasJSON(_ services: CordonServices) async throws -> Data {
        struct Document: Encodable {
            var schemaVersion = OpenData.schemaVersion
            var areas: [RiskAreaList.Entry]
        }
        let areas = try await RiskAreaList(services: services).current().map { e -> RiskAreaList.Entry in
            var e = e
            e.geometry = nil  // in the GeoJSON
            return e
        }
        return try OpenData.json(Document(areas: areas))
    }

    static func riskAreasCSV(_ services: CordonServices) async throws -> Data {
        let rows = try await RiskAreaList(services: services).current().map {
            [$0.id, $0.name, $0.level, "\($0.cases)", $0.since.map(Timestamp.format) ?? "", $0.until.map(Timestamp.format) ?? ""]
        }
        return OpenData.csv(["area_id", "name", "level", "cases", "since", "until"], rows)
    }

    static func riskAreasGeoJSON(_ services: CordonServices) async throws -> Data {
        let features = try await RiskAreaList(services: services).current().compactMap { e -> (String, [String: Any])? in
            guard let geometry = e.geometry ?? e.latitude.flatMap({ lat in e.longitude.map { OpenData.point(lat, $0) } }) else { return nil }
            return (geometry, ["id": e.id, "name": e.name, "level": e.level, "cases": e.cases])
        }
        return try OpenData.geoJSON(features)
    }

    static func disclosuresJSON(_ services: CordonServices) async throws -> Data {
        struct Document: Encodable {
            var schemaVersion = OpenData.schemaVersion
            var cases: [CaseDisclosure.Published]
        }
        return try OpenData.json(Document(cases: try await DisclosureService(services: services).published()))
    }

    /// One row per stop (a case without stops has one row with empty place columns).
    static func disclosuresCSV(_ services: CordonServices) async throws -> Data {
        var rows: [[String]] = []
        for d in try await DisclosureService(services: services).published() {
            let head = [d.id, "\(d.number)", d.sex, d.ageBand, d.compound ?? "", d.district ?? "", d.confirmedOn]
            if d.trajectory.isEmpty { rows.append(head + ["", "", "", ""]) }
            for s in d.trajectory { rows.append(head + [s.place, s.kind.rawValue, Timestamp.format(s.from), Timestamp.format(s.to)]) }
        }
        return OpenData.csv(["case_id", "number", "sex", "age_band", "compound", "district", "confirmed_on", "place", "place_kind", "from", "to"], rows)
    }

    static func disclosuresGeoJSON(_ services: CordonServices) async throws -> Data {
        let features = try await DisclosureService(services: services).published().compactMap { d -> (String, [String: Any])? in
            guard let lat = d.latitude, let lon = d.longitude else { return nil }
            return (OpenData.point(lat, lon), ["id": d.id, "number": d.number, "compound": d.compound ?? "", "confirmedOn": d.confirmedOn])
        }
        return try OpenData.geoJSON(features)
    }

    /// The map's base layer: districts and communities with their outline and risk level.
    static func areasGeoJSON(_ services: CordonServices) async throws -> Data {
        let levels = Dictionary(try await RiskAreaList(services: services).current().map { ($0.id, $0.level) }, uniquingKeysWith: { a, _ in a })
        var features: [(String, [String: Any])] = []
        var queue = try await services.store.children(of: nil)
        while let area = queue.popLast() {
            if area.level < .community { queue += try await services.store.children(of: area.id) }
            guard let geometry = area.geometry, area.level == .district || area.level == .community else { continue }
            features.append((geometry, ["id": area.id, "name": area.name, "level": area.level.rawValue, "risk": levels[area.id] ?? "low"]))
        }
        return try OpenData.geoJSON(features.sorted { ($0.1["id"] as? String ?? "") < ($1.1["id"] as? String ?? "") })
    }
}
