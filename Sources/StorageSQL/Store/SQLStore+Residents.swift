import Domain
import Foundation

extension SQLStore {
    static let residentColumns = [
        "id", "name", "id_type", "identity_sealed", "id_number_index", "id_number_masked", "sex", "birth_year", "phone_index",
        "phone_masked", "household_id", "area_id", "area_path", "compound_id", "building",
    ]

    public func insertResidents(_ residents: [SealedResident], audit: AuditEvent?) async throws -> Int {
        try await db.write { tx in
            let n = try await Self.insertResidents(residents, in: tx)
            if let audit { try await self.append(audit, in: tx) }
            return n
        }
    }

    /// The residents and the households they name first, within a transaction.
    static func insertResidents(_ residents: [SealedResident], in tx: any SQLExecutor) async throws -> Int {
        let rows = residents.map { r -> [SQLValue] in
            [
                .text(r.id), .text(r.name), .text(r.idType.rawValue), r.identitySealed.sqlValue, r.idNumberIndex.sqlValue,
                r.idNumberMasked.sqlValue, .text(r.sex.rawValue), r.birthYear.map { SQLValue.integer(Int64($0)) } ?? .null, r.phoneIndex.sqlValue,
                r.phoneMasked.sqlValue, r.householdID.sqlValue, r.areaID.sqlValue, .text(r.areaPath), r.compoundID.sqlValue, r.building.sqlValue,
            ]
        }
        do {
            let inserted = try await tx.insert(
                RowInsert(
                    into: "residents", columns: Self.residentColumns, rows: rows, conflict: "ON CONFLICT (id) DO NOTHING",
                    returning: "household_id, area_id, area_path")
            ) { row -> Household? in
                try row.value("household_id", as: String?.self).map { Household(id: $0, areaID: try row.value("area_id"), areaPath: try row.value("area_path")) }
            }
            // A household belongs to the area of the first new resident that names it.
            var seen = Set<String>()
            let households = inserted.compactMap { $0 }.filter { seen.insert($0.id).inserted }
            if !households.isEmpty {
                try await tx.insert(
                    RowInsert(
                        into: "households", columns: ["id", "area_id", "area_path"],
                        rows: households.map { h -> [SQLValue] in [.text(h.id), h.areaID.sqlValue, .text(h.areaPath)] }, conflict: "ON CONFLICT (id) DO NOTHING"))
            }
            return inserted.count
        }
    }

    public func resident(id: String) async throws -> SealedResident? {
        try await db.first("SELECT * FROM residents WHERE id = \(id)", SealedResident.init(row:))
    }

    public func residents(phoneIndex: Data) async throws -> [SealedResident] {
        try await db.query("SELECT * FROM residents WHERE phone_index = \(phoneIndex) ORDER BY id", SealedResident.init(row:))
    }

    public func residents(idNumberIndex: Data) async throws -> [SealedResident] {
        try await db.query("SELECT * FROM residents WHERE id_number_index = \(idNumberIndex) ORDER BY id", SealedResident.init(row:))
    }

    public func residents(ids: [String]) async throws -> [SealedResident] {
        guard !ids.isEmpty else { return [] }
        return try await db.read { r in
            var found: [SealedResident] = []
            for chunk in Set(ids).sorted().chunks(of: 500) {
                found += try await r.query("SELECT * FROM residents WHERE id IN (\(list: chunk)) ORDER BY id", SealedResident.init(row:))
            }
            return found
        }
    }

    /// People whose name begins with `prefix` (ASCII case ignored), in name order (bytewise), then
    /// where they live. `residents_name (lower(name), area_path, id)` holds that order and the area,
    /// so a city-wide search for a common surname reads its page and its count from the index alone.
    public func residents(namePrefix prefix: String, within area: AreaPath, page: PageRequest) async throws -> ListPage<SealedResident> {
        try await db.read { r in
            let name = "lower(name)" + r.dialect.bytewise
            var scope: SQL = """
                FROM residents WHERE area_path >= \(area.lowerBound) AND area_path < \(area.upperBound)
                AND lower(name) LIKE lower(\(SQL.likePattern(prefix: prefix))) ESCAPE '\\'
                """
            // SQLite applies no LIKE to an expression's index: the prefix goes in as a range, and
            // only where the name index is the narrower way in. Without statistics SQLite would
            // take it for a grid worker's 300 residents too, and read every 张 of the city.
            // PostgreSQL weighs both indexes by its statistics.
            let byName = r.dialect == .postgres ? true : try await Self.nameIsNarrower(prefix, than: area, r)
            if byName {
                scope.append(" AND \(Self.nameRange(prefix, name))")
            }
            let items = try await r.query(
                "SELECT * \(scope) ORDER BY \(raw: name), area_path, id LIMIT \(page.limit) OFFSET \(page.offset)", SealedResident.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    /// Names (the expression `name`) that begin with `prefix`, as a range an index can seek: up to
    /// the prefix followed by the last code point, whose UTF-8 bytes sort above every other.
    static func nameRange(_ prefix: String, _ name: String) -> SQL {
        let last: String = "\u{10FFFF}"
        return "\(raw: name) >= lower(\(prefix)) AND \(raw: name) < (lower(\(prefix)) || \(last))"
    }

    /// Whether fewer residents of the whole city have a name with this prefix than live in the area,
    /// counted up to a bound in each index (at most a few thousand entries read, however large the
    /// city). On a tie at the bound the name index wins: its count needs no row.
    static func nameIsNarrower(_ prefix: String, than area: AreaPath, _ r: any SQLExecutor) async throws -> Bool {
        let bound = 5_000
        let inArea = try await r.count(
            "SELECT count(*) FROM (SELECT 1 FROM residents WHERE area_path >= \(area.lowerBound) AND area_path < \(area.upperBound) LIMIT \(bound)) AS a")
        let named = try await r.count(
            """
            SELECT count(*) FROM (SELECT 1 FROM residents WHERE \(nameRange(prefix, "lower(name)")) LIMIT \(bound)) AS n
            """)
        return named <= inArea
    }

    /// Keyset paging in the order of the `residents_area_path (area_path, id)` index, so a page of a
    /// city-wide area reads fifty index entries instead of sorting a million residents by id. The
    /// cursor stays a resident id (`?after=R…`); its place in the order is looked up by key.
    public func residents(within path: String, after lastID: String?, limit: Int) async throws -> [SealedResident] {
        let upper = path + "~"
        return try await db.read { r in
            guard let lastID,
                let lastPath = try await r.first("SELECT area_path FROM residents WHERE id = \(lastID)", { try $0.value("area_path", as: String.self) }),
                lastPath >= path, lastPath < upper
            else {
                return try await r.query(
                    "SELECT * FROM residents WHERE area_path >= \(path) AND area_path < \(upper) ORDER BY area_path, id LIMIT \(limit)",
                    SealedResident.init(row:))
            }
            return try await r.query(
                """
                SELECT * FROM residents WHERE area_path >= \(lastPath) AND area_path < \(upper)
                AND (area_path > \(lastPath) OR id > \(lastID)) ORDER BY area_path, id LIMIT \(limit)
                """, SealedResident.init(row:))
        }
    }

    public func residentCount(within path: String) async throws -> Int {
        let upper = path + "~"
        return try await db.count("SELECT count(*) FROM residents WHERE area_path >= \(path) AND area_path < \(upper)")
    }

    public func residentCount(compound: String) async throws -> Int {
        try await db.count("SELECT count(*) FROM residents WHERE compound_id = \(compound)")
    }

    public func household(id: String) async throws -> Household? {
        try await db.first("SELECT * FROM households WHERE id = \(id)", Household.init(row:))
    }

    public func householdMembers(householdID: String) async throws -> [SealedResident] {
        try await db.query("SELECT * FROM residents WHERE household_id = \(householdID) ORDER BY id", SealedResident.init(row:))
    }

    public func dependants(ofProxy residentID: String) async throws -> [String] {
        try await db.query("SELECT dependant_id FROM proxy_links WHERE proxy_id = \(residentID) ORDER BY dependant_id") {
            try $0.value("dependant_id", as: String.self)
        }
    }

    public func proxies(ofDependant residentID: String) async throws -> [String] {
        try await db.query("SELECT proxy_id FROM proxy_links WHERE dependant_id = \(residentID) ORDER BY proxy_id") {
            try $0.value("proxy_id", as: String.self)
        }
    }

    public func addDependant(_ dependantID: String, proxy residentID: String, audit: AuditEvent?) async throws {
        try await db.write { tx in
            try await tx.execute("INSERT INTO proxy_links (proxy_id, dependant_id) VALUES (\(residentID), \(dependantID)) ON CONFLICT DO NOTHING")
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func beginResidentBulkLoad() async throws { try await db.beginBulkLoad() }
    public func endResidentBulkLoad() async throws { try await db.endBulkLoad() }
}

extension SealedResident {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), name: try row.value("name"), idType: IdentityDocumentType(rawValue: try row.value("id_type")) ?? .other,
            identitySealed: try row.value("identity_sealed"), idNumberIndex: try row.value("id_number_index"),
            idNumberMasked: try row.value("id_number_masked"), sex: Sex(rawValue: try row.value("sex")) ?? .unknown,
            birthYear: try row.value("birth_year", as: Int64?.self).map { Int($0) },
            clearBirthDate: try row.value("birth_date", as: String?.self).flatMap { CalendarDate(iso: $0) },
            phoneIndex: try row.value("phone_index"), phoneMasked: try row.value("phone_masked"),
            householdID: try row.value("household_id"), areaID: try row.value("area_id"), areaPath: try row.value("area_path"),
            compoundID: try row.value("compound_id"), building: try row.value("building"))
    }
}

extension Household {
    init(row: any SQLRow) throws {
        self.init(id: try row.value("id"), areaID: try row.value("area_id"), areaPath: try row.value("area_path"))
    }
}
