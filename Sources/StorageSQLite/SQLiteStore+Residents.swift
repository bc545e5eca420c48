import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func insertResidents(_ residents: [SealedResident], audit: AuditEvent?) async throws -> Int {
        try await pool.write { db in
            let insertResident = try db.cachedStatement(
                sql: """
                    INSERT INTO residents (id, name, id_type, identity_sealed, id_number_index, id_number_masked, sex, birth_date,
                        phone_index, phone_masked, household_id, area_id, area_path, compound_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                    """)
            let insertHousehold = try db.cachedStatement(
                sql: "INSERT INTO households (id, area_id, area_path) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING")
            let resident = try RowBinder(insertResident, in: db)
            let household = try RowBinder(insertHousehold, in: db)
            var inserted = 0
            // By index, not `for r in residents`: copying a record would retain each of its strings.
            for i in residents.indices {
                resident.bind(1, residents[i].id)
                resident.bind(2, residents[i].name)
                resident.bind(3, residents[i].idType.rawValue)
                resident.bind(4, residents[i].identitySealed)
                resident.bind(5, residents[i].idNumberIndex)
                resident.bind(6, residents[i].idNumberMasked)
                resident.bind(7, residents[i].sex.rawValue)
                resident.bind(8, residents[i].birthDate?.description)
                resident.bind(9, residents[i].phoneIndex)
                resident.bind(10, residents[i].phoneMasked)
                resident.bind(11, residents[i].householdID)
                resident.bind(12, residents[i].areaID)
                resident.bind(13, residents[i].areaPath)
                resident.bind(14, residents[i].compoundID)
                let isNew = try resident.run()
                inserted += isNew
                if isNew == 1, let householdID = residents[i].householdID {
                    household.bind(1, householdID)
                    household.bind(2, residents[i].areaID)
                    household.bind(3, residents[i].areaPath)
                    _ = try household.run()
                }
            }
            if let audit { try self.append(audit, in: db) }
            return inserted
        }
    }

    public func resident(id: String) async throws -> SealedResident? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM residents WHERE id = ?", arguments: [id]).map(Self.resident) }
    }

    public func residents(phoneIndex: Data) async throws -> [SealedResident] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM residents WHERE phone_index = ? ORDER BY id", arguments: [phoneIndex]).map(Self.resident)
        }
    }

    public func residents(idNumberIndex: Data) async throws -> [SealedResident] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM residents WHERE id_number_index = ? ORDER BY id", arguments: [idNumberIndex]).map(Self.resident)
        }
    }

    public func residents(within path: String, after lastID: String?, limit: Int) async throws -> [SealedResident] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM residents WHERE area_path >= ? AND area_path < ? AND id > ? ORDER BY id LIMIT ?",
                arguments: [path, path + "~", lastID ?? "", limit]
            ).map(Self.resident)
        }
    }

    public func residentCount(within path: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM residents WHERE area_path >= ? AND area_path < ?", arguments: [path, path + "~"]) ?? 0
        }
    }

    public func household(id: String) async throws -> Household? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM households WHERE id = ?", arguments: [id]).map {
                Household(id: $0["id"], areaID: $0["area_id"], areaPath: $0["area_path"])
            }
        }
    }

    public func householdMembers(householdID: String) async throws -> [SealedResident] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM residents WHERE household_id = ? ORDER BY id", arguments: [householdID]).map(Self.resident)
        }
    }

    public func dependants(ofProxy residentID: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT dependant_id FROM proxy_links WHERE proxy_id = ? ORDER BY dependant_id", arguments: [residentID])
        }
    }

    public func proxies(ofDependant residentID: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT proxy_id FROM proxy_links WHERE dependant_id = ? ORDER BY proxy_id", arguments: [residentID])
        }
    }

    public func addDependant(_ dependantID: String, proxy residentID: String, audit: AuditEvent?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO proxy_links (proxy_id, dependant_id) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [residentID, dependantID])
            if let audit { try self.append(audit, in: db) }
        }
    }

    public func beginResidentBulkLoad() async throws {
        try await pool.write { db in
            try db.execute(sql: "DROP INDEX IF EXISTS residents_phone; DROP INDEX IF EXISTS residents_id_number; DROP INDEX IF EXISTS residents_compound")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
        }
    }

    public func endResidentBulkLoad() async throws {
        try await pool.write { db in try db.execute(sql: SQLiteMigrations.lookupIndexes) }
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)") }
    }

    static func resident(_ row: Row) -> SealedResident {
        SealedResident(
            id: row["id"], name: row["name"], idType: IdentityDocumentType(rawValue: row["id_type"]) ?? .other,
            identitySealed: row["identity_sealed"], idNumberIndex: row["id_number_index"], idNumberMasked: row["id_number_masked"],
            sex: Sex(rawValue: row["sex"]) ?? .unknown, birthDate: (row["birth_date"] as String?).flatMap { CalendarDate(iso: $0) },
            phoneIndex: row["phone_index"], phoneMasked: row["phone_masked"],
            householdID: row["household_id"], areaID: row["area_id"], areaPath: row["area_path"], compoundID: row["compound_id"])
    }
}
