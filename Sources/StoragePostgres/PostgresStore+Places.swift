import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertPlaces(_ places: [Place], audit: AuditEvent?) async throws -> Int {
        try await transaction { connection in
            let inserted = try await self.insertMany(
                into: "places", columns: ["id", "kind", "name", "area_id", "lat", "lon"],
                rows: places.map {
                    [.text($0.id), .text($0.kind.rawValue), .text($0.name), .text($0.areaID), .double($0.latitude), .double($0.longitude)]
                },
                returning: "id", on: connection)
            // The path is copied from the area in one statement rather than looked up per row.
            let ids = inserted.compactMap { try? $0.value("id", as: String.self) }
            if !ids.isEmpty {
                try await connection.query(
                    "UPDATE places p SET area_path = a.path FROM areas a WHERE a.id = p.area_id AND p.id = ANY(\(ids))", logger: self.logger)
            }
            if let audit { try await self.append(audit, on: connection) }
            return inserted.count
        }
    }

    public func place(id: String) async throws -> Place? {
        try await rows("SELECT * FROM places WHERE id = \(id)").first.map { row in
            Place(
                id: try row.value("id"), kind: PlaceKind(rawValue: try row.value("kind")) ?? .venue, name: try row.value("name"),
                areaID: try row.value("area_id"), latitude: try row.value("lat"), longitude: try row.value("lon"))
        }
    }

    public func places(kind: PlaceKind, within area: AreaPath) async throws -> [Place] {
        let (lower, upper) = (area.lowerBound, area.upperBound)
        return try await rows("SELECT * FROM places WHERE kind = \(kind.rawValue) AND area_path >= \(lower) AND area_path < \(upper) ORDER BY id").map { row in
            Place(
                id: try row.value("id"), kind: PlaceKind(rawValue: try row.value("kind")) ?? .venue, name: try row.value("name"),
                areaID: try row.value("area_id"), latitude: try row.value("lat"), longitude: try row.value("lon"))
        }
    }

    public func placeKinds() async throws -> [String: PlaceKind] {
        var result: [String: PlaceKind] = [:]
        for try await (id, kind) in try await client.query("SELECT id, kind FROM places", logger: logger).decode((String, String).self) {
            if let kind = PlaceKind(rawValue: kind) { result[id] = kind }
        }
        return result
    }

    public func placeCounts(within path: String) async throws -> [PlaceKind: Int] {
        var result: [PlaceKind: Int] = [:]
        let upper = path + "~"
        let query: PostgresQuery = "SELECT kind, count(*)::bigint FROM places WHERE area_path >= \(path) AND area_path < \(upper) GROUP BY kind"
        for try await (kind, count) in try await client.query(query, logger: logger).decode((String, Int64).self) {
            if let kind = PlaceKind(rawValue: kind) { result[kind] = Int(count) }
        }
        return result
    }
}
