import Domain
import Foundation

extension SQLStore {
    public func insertPlaces(_ places: [Place], audit: AuditEvent?) async throws -> Int {
        try await db.write { tx in
            let inserted = try await Self.insertPlaces(places, in: tx)
            if let audit { try await self.append(audit, in: tx) }
            return inserted
        }
    }

    static func insertPlaces(_ places: [Place], in tx: any SQLExecutor) async throws -> Int {
        // Each place keeps its area's path beside it: the paths are looked up once per area
        // rather than per row, then inserted with the places.
        let areaIDs = Array(Set(places.compactMap(\.areaID)))
        var paths: [String: String] = [:]
        for start in stride(from: 0, to: areaIDs.count, by: 1000) {
            let chunk = Array(areaIDs[start..<min(areaIDs.count, start + 1000)])
            let found = try await tx.query("SELECT id, path FROM areas WHERE id IN (\(list: chunk))") { row in
                (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String.self))
            }
            for (id, path) in found { paths[id] = path }
        }
        return try await tx.insert(
            RowInsert(
                into: "places", columns: ["id", "kind", "name", "area_id", "area_path", "lat", "lon"],
                rows: places.map { p in
                    [.text(p.id), .text(p.kind.rawValue), .text(p.name), p.areaID.sqlValue, p.areaID.flatMap { paths[$0] }.sqlValue,
                     p.latitude.sqlValue, p.longitude.sqlValue]
                },
                conflict: "ON CONFLICT (id) DO NOTHING"))
    }

    public func place(id: String) async throws -> Place? {
        try await db.first("SELECT * FROM places WHERE id = \(id)", Place.init(row:))
    }

    public func places(kind: PlaceKind, within area: AreaPath) async throws -> [Place] {
        try await db.query(
            "SELECT * FROM places WHERE kind = \(kind.rawValue) AND area_path >= \(area.lowerBound) AND area_path < \(area.upperBound) ORDER BY id",
            Place.init(row:))
    }

    public func places(named text: String, within area: AreaPath, limit: Int) async throws -> [Place] {
        try await db.query(
            """
            SELECT * FROM places WHERE area_path >= \(area.lowerBound) AND area_path < \(area.upperBound)
            AND lower(name) LIKE lower(\(SQL.likePattern(containing: text))) ESCAPE '\\' ORDER BY name, id LIMIT \(limit)
            """, Place.init(row:))
    }

    public func placeKinds() async throws -> [String: PlaceKind] {
        let rows = try await db.query("SELECT id, kind FROM places") { row in
            (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String.self))
        }
        var result: [String: PlaceKind] = [:]
        result.reserveCapacity(rows.count)
        for (id, kind) in rows {
            if let kind = PlaceKind(rawValue: kind) { result[id] = kind }
        }
        return result
    }

    public func placeCounts(within path: String) async throws -> [PlaceKind: Int] {
        try await counts("SELECT kind, count(*) FROM places WHERE area_path >= \(path) AND area_path < \(path + "~") GROUP BY kind")
    }
}

extension Place {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), kind: PlaceKind(rawValue: try row.value("kind")) ?? .venue, name: try row.value("name"),
            areaID: try row.value("area_id"), latitude: try row.value("lat"), longitude: try row.value("lon"))
    }
}
