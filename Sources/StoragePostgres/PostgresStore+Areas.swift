import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertAreas(_ areas: [Area], audit: AuditEvent?) async throws -> Int {
        try await transaction { connection in
            let inserted = try await self.insertMany(
                into: "areas", columns: ["id", "name", "level", "parent_id", "geometry", "path"],
                rows: areas.map { [.text($0.id), .text($0.name), .text($0.level.rawValue), .text($0.parentID), .text($0.geometry), .text($0.path)] },
                returning: "id", on: connection)
            if let audit { try await self.append(audit, on: connection) }
            return inserted.count
        }
    }

    public func area(id: String) async throws -> Area? {
        try await rows("SELECT * FROM areas WHERE id = \(id)").first.map(Self.area)
    }

    public func children(of parentID: String?) async throws -> [Area] {
        if let parentID {
            return try await rows("SELECT * FROM areas WHERE parent_id = \(parentID) ORDER BY id").map(Self.area)
        }
        return try await rows("SELECT * FROM areas WHERE parent_id IS NULL ORDER BY id").map(Self.area)
    }

    public func areaDirectory() async throws -> [String: AreaRef] {
        var result: [String: AreaRef] = [:]
        for try await (id, path, level) in try await client.query("SELECT id, path, level FROM areas", logger: logger).decode((String, String, String).self) {
            if let level = AreaLevel(rawValue: level) { result[id] = AreaRef(path: path, level: level) }
        }
        return result
    }

    public func areaCounts(within path: String) async throws -> [AreaLevel: Int] {
        var result: [AreaLevel: Int] = [:]
        let upper = path + "~"
        let query: PostgresQuery = "SELECT level, count(*)::bigint FROM areas WHERE path >= \(path) AND path < \(upper) GROUP BY level"
        for try await (level, count) in try await client.query(query, logger: logger).decode((String, Int64).self) {
            if let level = AreaLevel(rawValue: level) { result[level] = Int(count) }
        }
        return result
    }

    static func area(_ row: PostgresRandomAccessRow) throws -> Area {
        Area(
            id: try row.value("id"), name: try row.value("name"), level: AreaLevel(rawValue: try row.value("level")) ?? .grid,
            parentID: try row.value("parent_id"), geometry: try row.value("geometry"), path: try row.value("path"))
    }
}
