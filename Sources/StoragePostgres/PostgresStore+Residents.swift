import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    static let residentColumns = [
        "id", "name", "id_type", "identity_sealed", "id_number_index", "id_number_masked", "sex", "birth_date", "phone_index",
        "phone_masked", "household_id", "area_id", "area_path", "compound_id",
    ]

    public func insertResidents(_ residents: [SealedResident], audit: AuditEvent?) async throws -> Int {
        try await transaction { connection in
            let inserted = try await self.insertMany(
                into: "residents", columns: Self.residentColumns,
                rows: residents.map { r in
                    [
                        .text(r.id), .text(r.name), .text(r.idType.rawValue), .bytes(r.identitySealed), .bytes(r.idNumberIndex),
                        .text(r.idNumberMasked), .text(r.sex.rawValue), .text(r.birthDate?.description), .bytes(r.phoneIndex),
                        .text(r.phoneMasked), .text(r.householdID), .text(r.areaID), .text(r.areaPath), .text(r.compoundID),
                    ]
                },
                returning: "household_id, area_id, area_path", on: connection)
            var households: [String: [PGValue]] = [:]
            for row in inserted {
                guard let id = try row.value("household_id", as: String?.self), households[id] == nil else { continue }
                households[id] = [.text(id), .text(try row.value("area_id", as: String?.self)), .text(try row.value("area_path", as: String.self))]
            }
            if !households.isEmpty {
                _ = try await self.insertMany(
                    into: "households", columns: ["id", "area_id", "area_path"], rows: Array(households.values), returning: "id", on: connection)
            }
            if let audit { try await self.append(audit, on: connection) }
            return inserted.count
        }
    }

    public func resident(id: String) async throws -> SealedResident? {
        try await rows("SELECT * FROM residents WHERE id = \(id)").first.map(Self.resident)
    }

    public func residents(phoneIndex: Data) async throws -> [SealedResident] {
        try await rows("SELECT * FROM residents WHERE phone_index = \(phoneIndex) ORDER BY id").map(Self.resident)
    }

    public func residents(idNumberIndex: Data) async throws -> [SealedResident] {
        try await rows("SELECT * FROM residents WHERE id_number_index = \(idNumberIndex) ORDER BY id").map(Self.resident)
    }

    public func residents(within path: String, after lastID: String?, limit: Int) async throws -> [SealedResident] {
        let upper = path + "~"
        let after = lastID ?? ""
        return try await rows(
            "SELECT * FROM residents WHERE area_path >= \(path) AND area_path < \(upper) AND id > \(after) ORDER BY id LIMIT \(limit)"
        ).map(Self.resident)
    }

    public func residentCount(within path: String) async throws -> Int {
        let upper = path + "~"
        for try await n in try await client.query(
            "SELECT count(*)::bigint FROM residents WHERE area_path >= \(path) AND area_path < \(upper)", logger: logger
        ).decode(Int64.self) { return Int(n) }
        return 0
    }

    public func household(id: String) async throws -> Household? {
        try await rows("SELECT * FROM households WHERE id = \(id)").first.map { row in
            Household(id: try row.value("id"), areaID: try row.value("area_id"), areaPath: try row.value("area_path"))
        }
    }

    public func householdMembers(householdID: String) async throws -> [SealedResident] {
        try await rows("SELECT * FROM residents WHERE household_id = \(householdID) ORDER BY id").map(Self.resident)
    }

    public func dependants(ofProxy residentID: String) async throws -> [String] {
        var result: [String] = []
        for try await id in try await client.query(
            "SELECT dependant_id FROM proxy_links WHERE proxy_id = \(residentID) ORDER BY dependant_id", logger: logger
        ).decode(String.self) { result.append(id) }
        return result
    }

    public func proxies(ofDependant residentID: String) async throws -> [String] {
        try await rows("SELECT proxy_id FROM proxy_links WHERE dependant_id = \(residentID) ORDER BY proxy_id").map { try $0.value("proxy_id") }
    }

    public func addDependant(_ dependantID: String, proxy residentID: String, audit: AuditEvent?) async throws {
        try await transaction { connection in
            try await connection.query(
                "INSERT INTO proxy_links (proxy_id, dependant_id) VALUES (\(residentID), \(dependantID)) ON CONFLICT DO NOTHING", logger: self.logger)
            if let audit { try await self.append(audit, on: connection) }
        }
    }

    /// PostgreSQL maintains its B-trees well enough under multi-row inserts; nothing to do.
    public func beginResidentBulkLoad() async throws {}
    public func endResidentBulkLoad() async throws {}

    static func resident(_ row: PostgresRandomAccessRow) throws -> SealedResident {
        SealedResident(
            id: try row.value("id"), name: try row.value("name"), idType: IdentityDocumentType(rawValue: try row.value("id_type")) ?? .other,
            identitySealed: try row.value("identity_sealed"), idNumberIndex: try row.value("id_number_index"),
            idNumberMasked: try row.value("id_number_masked"), sex: Sex(rawValue: try row.value("sex")) ?? .unknown,
            birthDate: try row.value("birth_date", as: String?.self).flatMap { CalendarDate(iso: $0) },
            phoneIndex: try row.value("phone_index"), phoneMasked: try row.value("phone_masked"),
            householdID: try row.value("household_id"), areaID: try row.value("area_id"), areaPath: try row.value("area_path"),
            compoundID: try row.value("compound_id"))
    }
}
