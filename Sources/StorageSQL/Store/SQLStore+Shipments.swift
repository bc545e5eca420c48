import Domain
import Foundation

extension SupplyShipment: GridDocument {}

extension SQLStore {
    public func sendShipment(_ shipment: SupplyShipment, fromPath: String?, audit: AuditEvent) async throws {
        try await db.write { tx in
            try await tx.lock(.supplies)
            if let from = shipment.fromArea {
                let held = try await Self.onHand(area: from, item: shipment.item, in: tx)
                if held < shipment.quantity { throw SupplyShortfall(item: shipment.item, asked: shipment.quantity, onHand: held) }
            }
            try await Self.insertShipment(shipment, fromPath: fromPath, in: tx)
            try await self.append(audit, in: tx)
        }
    }

    static func insertShipment(_ s: SupplyShipment, fromPath: String?, in tx: any SQLExecutor) async throws {
        try await tx.execute(
            """
            INSERT INTO supply_shipments (id, item, quantity, from_area, from_path, to_area, to_path, state, sent_at, doc)
            VALUES (\(s.id), \(s.item), \(s.quantity), \(s.fromArea), \(fromPath), \(s.toArea), \(s.toPath), \(s.state.rawValue), \(s.sentAt.seconds),
                    \(try GridJSON.text(s)))
            """)
    }

    /// Confirmed in less sent on (whether or not it has arrived below).
    static func onHand(area: String, item: String, in r: any SQLExecutor) async throws -> Int {
        let received = try await r.count("SELECT CAST(sum(quantity) AS BIGINT) FROM supply_shipments WHERE to_area = \(area) AND item = \(item) AND state = 'received'")
        let sent = try await r.count("SELECT CAST(sum(quantity) AS BIGINT) FROM supply_shipments WHERE from_area = \(area) AND item = \(item)")
        return received - sent
    }

    public func shipment(id: String) async throws -> SupplyShipment? {
        try await db.first("SELECT doc FROM supply_shipments WHERE id = \(id)", SupplyShipment.init(row:))
    }

    public func receiveShipment(id: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            guard var s = try await tx.first("SELECT doc FROM supply_shipments WHERE id = \(id)", SupplyShipment.init(row:)), s.state == .sent else { return false }
            s.state = .received
            s.receivedBy = by
            s.receivedAt = at
            let n = try await tx.execute("UPDATE supply_shipments SET state = 'received', doc = \(try GridJSON.text(s)) WHERE id = \(id) AND state = 'sent'")
            guard n == 1 else { return false }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func shipments(within area: AreaPath, page: PageRequest) async throws -> ListPage<SupplyShipment> {
        let scope: SQL = """
            FROM supply_shipments WHERE (to_path >= \(area.lowerBound) AND to_path < \(area.upperBound))
                OR (from_path >= \(area.lowerBound) AND from_path < \(area.upperBound))
            """
        return try await db.read { r in
            let items = try await r.query(
                "SELECT doc \(scope) ORDER BY CASE state WHEN 'sent' THEN 0 ELSE 1 END, sent_at DESC, id LIMIT \(page.limit) OFFSET \(page.offset)",
                SupplyShipment.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func areaStocks(within area: AreaPath) async throws -> [AreaStock] {
        // Per area and item: what arrived, what is on its way in, and what it sent on.
        try await db.query(
            """
            SELECT area, item, CAST(sum(received) AS BIGINT) AS received, CAST(sum(transit) AS BIGINT) AS transit, CAST(sum(sent) AS BIGINT) AS sent FROM (
                SELECT to_area AS area, item, CASE WHEN state = 'received' THEN quantity ELSE 0 END AS received,
                       CASE WHEN state = 'sent' THEN quantity ELSE 0 END AS transit, 0 AS sent
                FROM supply_shipments WHERE to_path >= \(area.lowerBound) AND to_path < \(area.upperBound)
                UNION ALL
                SELECT from_area AS area, item, 0, 0, quantity FROM supply_shipments
                WHERE from_area IS NOT NULL AND from_path >= \(area.lowerBound) AND from_path < \(area.upperBound)
            ) t GROUP BY area, item ORDER BY area, item
            """
        ) { row in
            AreaStock(
                areaID: try row.value("area"), item: try row.value("item"), received: Int(try row.value("received", as: Int64.self)),
                sentOn: Int(try row.value("sent", as: Int64.self)), inTransit: Int(try row.value("transit", as: Int64.self)))
        }
    }
}
