import Domain
import Foundation

extension SQLStore {
    public func insertAreas(_ areas: [Area], audit: AuditEvent?) async throws -> Int {
        try await db.write { tx in
            let inserted = try await tx.insert(
                RowInsert(
                    into: "areas", columns: ["id", "name", "level", "parent_id", "geometry", "path", "name_en"],
                    rows: areas.map {
                        [.text($0.id), .text($0.name), .text($0.level.rawValue), $0.parentID.sqlValue, $0.geometry.sqlValue, .text($0.path), $0.nameEn.sqlValue]
                    },
                    conflict: "ON CONFLICT (id) DO NOTHING"))
            if let audit { try await self.append(audit, in: tx) }
            return inserted
        }
    }

    public func area(id: String) async throws -> Area? {
        try await db.first("SELECT * FROM areas WHERE id = \(id)", Area.init(row:))
    }

    public func children(of parentID: String?) async throws -> [Area] {
        let filter: SQL = parentID.map { "parent_id = \($0)" } ?? "parent_id IS NULL"
        return try await db.query("SELECT * FROM areas WHERE \(filter) ORDER BY id", Area.init(row:))
    }

    public func areas(named text: String, within area: AreaPath, limit: Int) async throws -> [Area] {
        try await db.query(
            """
            SELECT * FROM areas WHERE path >= \(area.lowerBound) AND path < \(area.upperBound)
            AND lower(name) LIKE lower(\(SQL.likePattern(containing: text))) ESCAPE '\\' ORDER BY path LIMIT \(limit)
            """, Area.init(row:))
    }

    public func areaDirectory() async throws -> [String: AreaRef] {
        let rows = try await db.query("SELECT id, path, level FROM areas") { row in
            (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String.self), try row.value(at: 2, as: String.self))
        }
        var result: [String: AreaRef] = [:]
        result.reserveCapacity(rows.count)
        for (id, path, level) in rows {
            if let level = AreaLevel(rawValue: level) { result[id] = AreaRef(path: path, level: level) }
        }
        return result
    }

    public func areaCounts(within path: String) async throws -> [AreaLevel: Int] {
        try await counts("SELECT level, count(*) FROM areas WHERE path >= \(path) AND path < \(path + "~") GROUP BY level")
    }

    /// Counts grouped by a stored enum value (first column: the value, second: the count);
    /// values this version does not know are left out.
    func counts<Key: RawRepresentable & Hashable & Sendable>(_ sql: SQL) async throws -> [Key: Int] where Key.RawValue == String {
        let rows = try await db.query(sql) { row in (Key(rawValue: try row.value(at: 0)), try row.value(at: 1, as: Int.self)) }
        var result: [Key: Int] = [:]
        for case let (key?, count) in rows { result[key] = count }
        return result
    }
}

extension Area {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), name: try row.value("name"), level: AreaLevel(rawValue: try row.value("level")) ?? .grid,
            parentID: try row.value("parent_id"), geometry: try row.value("geometry"), path: try row.value("path"), nameEn: try row.value("name_en"))
    }
}
