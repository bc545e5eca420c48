import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func insertAreas(_ areas: [Area], audit: AuditEvent?) async throws -> Int {
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT INTO areas (id, name, level, parent_id, geometry, path) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING")
            var inserted = 0
            for a in areas {
                try statement.execute(arguments: [a.id, a.name, a.level.rawValue, a.parentID, a.geometry, a.path])
                inserted += db.changesCount
            }
            if let audit { try self.append(audit, in: db) }
            return inserted
        }
    }

    public func area(id: String) async throws -> Area? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM areas WHERE id = ?", arguments: [id]).map(Self.area) }
    }

    public func children(of parentID: String?) async throws -> [Area] {
        try await pool.read { db in
            let rows =
                if let parentID {
                    try Row.fetchAll(db, sql: "SELECT * FROM areas WHERE parent_id = ? ORDER BY id", arguments: [parentID])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM areas WHERE parent_id IS NULL ORDER BY id")
                }
            return rows.map(Self.area)
        }
    }

    public func areaDirectory() async throws -> [String: AreaRef] {
        try await pool.read { db in
            var result: [String: AreaRef] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, path, level FROM areas")
            while let row = try cursor.next() {
                if let level = AreaLevel(rawValue: row[2]) { result[row[0]] = AreaRef(path: row[1], level: level) }
            }
            return result
        }
    }

    public func areaCounts(within path: String) async throws -> [AreaLevel: Int] {
        try await pool.read { db in
            var result: [AreaLevel: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT level, count(*) FROM areas WHERE path >= ? AND path < ? GROUP BY level", arguments: [path, path + "~"]) {
                if let level = AreaLevel(rawValue: row[0]) { result[level] = row[1] }
            }
            return result
        }
    }

    static func area(_ row: Row) -> Area {
        Area(id: row["id"], name: row["name"], level: AreaLevel(rawValue: row["level"]) ?? .grid, parentID: row["parent_id"], geometry: row["geometry"], path: row["path"])
    }
}
