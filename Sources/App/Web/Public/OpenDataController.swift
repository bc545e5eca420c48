import Domain
import Foundation
import Hummingbird

/// `/open-data/…`: the bulletin figures, risk areas and case disclosures as CSV, JSON and GeoJSON,
/// documented in the README, versioned, cacheable; and the map's base layer of areas.
struct OpenDataController {
    let services: CordonServices

    func register(on router: Router<CordonRequestContext>) {
        router.get("open-data/bulletin.json") { request, _ in
            OpenData.response(try OpenData.json(try await BulletinService(services: services).today()), contentType: "application/json", request: request)
        }
        router.get("open-data/bulletin.csv") { request, _ in
            let b = try await BulletinService(services: services).today()
            let rows = b.districts.map { [b.day, $0.id, $0.name, "\($0.new)", "\($0.total)"] } + b.curve.map { [$0.day, "", "", "\($0.new)", ""] }
            return OpenData.response(OpenData.csv(["day", "district_id", "district_name", "new", "total"], rows), contentType: "text/csv; charset=utf-8", request: request)
        }
        router.get("open-data/risk-areas.json") { request, _ in
            struct Document: Encodable {
                var schemaVersion = OpenData.schemaVersion
                var areas: [RiskAreaList.Entry]
            }
            let areas = try await RiskAreaList(services: services).current().map { e -> RiskAreaList.Entry in
                var e = e
                e.geometry = nil  // in the GeoJSON
                return e
            }
            return OpenData.response(try OpenData.json(Document(areas: areas)), contentType: "application/json", request: request)
        }
        router.get("open-data/risk-areas.csv") { request, _ in
            let rows = try await RiskAreaList(services: services).current().map {
                [$0.id, $0.name, $0.level, "\($0.cases)", $0.since.map(Timestamp.format) ?? "", $0.until.map(Timestamp.format) ?? ""]
            }
            return OpenData.response(OpenData.csv(["area_id", "name", "level", "cases", "since", "until"], rows), contentType: "text/csv; charset=utf-8", request: request)
        }
        router.get("open-data/risk-areas.geojson") { request, _ in
            let features = try await RiskAreaList(services: services).current().compactMap { e -> (String, [String: Any])? in
                guard let geometry = e.geometry ?? e.latitude.flatMap({ lat in e.longitude.map { OpenData.point(lat, $0) } }) else { return nil }
                return (geometry, ["id": e.id, "name": e.name, "level": e.level, "cases": e.cases])
            }
            return OpenData.response(try OpenData.geoJSON(features), contentType: "application/geo+json", request: request)
        }
        router.get("open-data/disclosures.json") { request, _ in
            struct Document: Encodable {
                var schemaVersion = OpenData.schemaVersion
                var cases: [CaseDisclosure.Published]
            }
            return OpenData.response(
                try OpenData.json(Document(cases: try await DisclosureService(services: services).published())), contentType: "application/json", request: request)
        }
        router.get("open-data/disclosures.csv") { request, _ in
            // One row per stop (a case without stops has one row with empty place columns).
            var rows: [[String]] = []
            for d in try await DisclosureService(services: services).published() {
                let head = [d.id, "\(d.number)", d.sex, d.ageBand, d.compound ?? "", d.district ?? "", d.confirmedOn]
                if d.trajectory.isEmpty { rows.append(head + ["", "", "", ""]) }
                for s in d.trajectory { rows.append(head + [s.place, s.kind.rawValue, Timestamp.format(s.from), Timestamp.format(s.to)]) }
            }
            return OpenData.response(
                OpenData.csv(["case_id", "number", "sex", "age_band", "compound", "district", "confirmed_on", "place", "place_kind", "from", "to"], rows),
                contentType: "text/csv; charset=utf-8", request: request)
        }
        router.get("open-data/disclosures.geojson") { request, _ in
            let features = try await DisclosureService(services: services).published().compactMap { d -> (String, [String: Any])? in
                guard let lat = d.latitude, let lon = d.longitude else { return nil }
                return (OpenData.point(lat, lon), ["id": d.id, "number": d.number, "compound": d.compound ?? "", "confirmedOn": d.confirmedOn])
            }
            return OpenData.response(try OpenData.geoJSON(features), contentType: "application/geo+json", request: request)
        }
        // The map's base layer: districts and communities with their outline and risk level.
        router.get("open-data/areas.geojson") { request, _ in
            let body = try await services.publicCache.value("areas.geojson") {
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
            return OpenData.response(body, contentType: "application/geo+json", request: request)
        }
    }
}
