import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func insertPlaces(_ places: [Place], audit: AuditEvent?) async throws -> Int {
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO places (id, kind, name, area_id, area_path, lat, lon)
                    VALUES (?, ?, ?, ?, (SELECT path FROM areas WHERE id = ?), ?, ?) ON CONFLICT(id) DO NOTHING
                    """)
            var inserted = 0
            for p in places {
                try statement.execute(arguments: [p.id, p.kind.rawValue, p.name, p.areaID, p.areaID, p.latitude, p.longitude])
                inserted += db.changesCount
            }
            if let audit { try self.append(audit, in: db) }
            return inserted
        }
    }

    public func place(id: String) async throws -> Place? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM places WHERE id = ?", arguments: [id]).map { row in
                Place(id: row["id"], kind: PlaceKind(rawValue: row["kind"]) ?? .venue, name: row["name"], areaID: row["area_id"], latitude: row["lat"], longitude: row["lon"])
            }
        }
    }

    public func places(kind: PlaceKind, within area: AreaPath) async throws -> [Place] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM places WHERE kind = ? AND area_path >= ? AND area_path < ? ORDER BY id",
                arguments: [kind.rawValue, area.lowerBound, area.upperBound]
            ).map { row in
                Place(id: row["id"], kind: PlaceKind(rawValue: row["kind"]) ?? .venue, name: row["name"], areaID: row["area_id"], latitude: row["lat"], longitude: row["lon"])
            }
        }
    }

    public func placeKinds() async throws -> [String: PlaceKind] {
        try await pool.read { db in
            var result: [String: PlaceKind] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, kind FROM places")
            while let row = try cursor.next() {
                if let kind = PlaceKind(rawValue: row[1]) { result[row[0]] = kind }
            }
            return result
        }
    }

    public func placeCounts(within path: String) async throws -> [PlaceKind: Int] {
        try await pool.read { db in
            var result: [PlaceKind: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT kind, count(*) FROM places WHERE area_path >= ? AND area_path < ? GROUP BY kind", arguments: [path, path + "~"])
            {
                if let kind = PlaceKind(rawValue: row[0]) { result[kind] = row[1] }
            }
            return result
        }
    }
}
