import Domain
import Foundation

extension SQLStore {
    public func setStock(_ stock: [PharmacyStock], audit: AuditEvent?) async throws {
        guard !stock.isEmpty else { return }
        try await db.write { tx in
            for s in stock {
                try await tx.execute(
                    """
                    INSERT INTO pharmacy_stock (pharmacy, product, units, updated_at, updated_by)
                    VALUES (\(s.pharmacy), \(s.product), \(s.units), \(s.updatedAt.milliseconds), \(s.updatedBy))
                    ON CONFLICT (pharmacy, product) DO UPDATE SET units = excluded.units, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """)
            }
            if let audit { try await self.append(audit, in: tx) }
        }
    }

    public func stock(pharmacy: String) async throws -> [PharmacyStock] {
        try await db.query("SELECT * FROM pharmacy_stock WHERE pharmacy = \(pharmacy) ORDER BY product", PharmacyStock.init(row:))
    }

    public func pharmacies(within area: AreaPath, page: PageRequest) async throws -> ListPage<PharmacyListing> {
        let scope: SQL = "FROM places WHERE kind = 'pharmacy' AND area_path >= \(area.lowerBound) AND area_path < \(area.upperBound)"
        return try await db.read { r in
            let places = try await r.query("SELECT * \(scope) ORDER BY name, id LIMIT \(page.limit) OFFSET \(page.offset)", Place.init(row:))
            let items = try await Self.listings(places, in: r)
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func allPharmacies() async throws -> [PharmacyListing] {
        try await db.read { r in
            try await Self.listings(try await r.query("SELECT * FROM places WHERE kind = 'pharmacy' ORDER BY id", Place.init(row:)), in: r)
        }
    }

    /// Pharmacies with their stock and their areas' names, in a fixed number of statements.
    static func listings(_ places: [Place], in r: any SQLExecutor) async throws -> [PharmacyListing] {
        guard !places.isEmpty else { return [] }
        var stock: [String: [PharmacyStock]] = [:]
        var paths: [String: String] = [:]
        for start in stride(from: 0, to: places.count, by: 1000) {
            let ids = places[start..<min(places.count, start + 1000)].map(\.id)
            for s in try await r.query("SELECT * FROM pharmacy_stock WHERE pharmacy IN (\(list: ids)) ORDER BY product", PharmacyStock.init(row:)) {
                stock[s.pharmacy, default: []].append(s)
            }
            for (id, path) in try await r.query("SELECT id, area_path FROM places WHERE id IN (\(list: ids))", { row in
                (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String?.self))
            }) {
                if let path { paths[id] = path }
            }
        }
        // The address: the areas' names below the city, from the district down.
        let areaIDs = Set(paths.values.flatMap { $0.split(separator: "/").dropFirst().map(String.init) })
        var names: [String: String] = [:]
        let ids = Array(areaIDs)
        for start in stride(from: 0, to: ids.count, by: 1000) {
            for (id, name) in try await r.query("SELECT id, name FROM areas WHERE id IN (\(list: Array(ids[start..<min(ids.count, start + 1000)])))", { row in
                (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String.self))
            }) { names[id] = name }
        }
        return places.map { p in
            let address = (paths[p.id] ?? "").split(separator: "/").dropFirst().compactMap { names[String($0)] }.joined(separator: " ")
            return PharmacyListing(place: p, address: address, stock: stock[p.id] ?? [])
        }
    }
}

extension PharmacyStock {
    init(row: any SQLRow) throws {
        self.init(
            pharmacy: try row.value("pharmacy"), product: try row.value("product"), units: Int(try row.value("units", as: Int64.self)),
            updatedAt: Date(milliseconds: try row.value("updated_at")), updatedBy: try row.value("updated_by"))
    }
}
