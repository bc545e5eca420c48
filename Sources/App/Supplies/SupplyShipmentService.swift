import Domain
import Foundation
import Privacy

/// Goods down the city (物资下拨): the ledger's allocations reach a district or community as
/// shipments; each level confirms what arrived and sends some on to the areas below it. What an
/// area holds is what it confirmed less what it sent on, and it can send no more than that.
public struct SupplyShipmentService: Sendable {
    let store: any SupplyRepository & AreaRepository
    let clock: WallClock
    let directory: PersonDirectory

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case area(String)
        case notBelow(String)
        case quantity(String)
        case item

        public var field: String {
            switch self {
            case .area, .notBelow: "to"
            case .quantity: "quantity"
            case .item: "item"
            }
        }

        public var description: String {
            switch self {
            case .area(let a): "to: \(a) is not an area"
            case .notBelow(let a): "to: \(a) is not below the area sending"
            case .quantity(let q): "quantity: \(q) is not a whole number from 1"
            case .item: "item: say which goods"
            }
        }
    }

    /// Sends goods from an area of the principal's to one below it.
    public func send(item typed: String, quantity: String, from fromID: String, to toID: String, as principal: Principal) async throws -> SupplyShipment {
        let item = typed.trimmingCharacters(in: .whitespaces)
        guard !item.isEmpty else { throw Problem.item }
        guard let n = Int(quantity.trimmingCharacters(in: .whitespaces)), n >= 1 else { throw Problem.quantity(quantity) }
        guard let from = try await store.area(id: fromID) else { throw Problem.area(fromID) }
        guard let to = try await store.area(id: toID.trimmingCharacters(in: .whitespaces)) else { throw Problem.area(toID) }
        try await directory.authorize(principal, .receiveSupplies, .area(id: from.id, path: from.path))
        guard AreaPath(from.path).isAncestor(of: AreaPath(to.path)) else { throw Problem.notBelow(to.name) }
        let shipment = SupplyShipment(
            id: "SH-" + SecretToken.shortID(6), item: item, quantity: n, unit: nil, fromArea: from.id, toArea: to.id, toPath: to.path,
            sentBy: principal.auditName, sentAt: clock.now())
        try await store.sendShipment(
            shipment, fromPath: from.path, audit: clock.event(principal.auditName, .shipmentSend, kind: "area", id: to.id, detail: "\(n) \(item) from \(from.id)"))
        return shipment
    }

    /// The receiving area confirms a shipment arrived.
    public func receive(_ id: String, as principal: Principal) async throws -> SupplyShipment {
        guard let shipment = try await store.shipment(id: id) else { throw StoreError.notFound(kind: "shipment", id: id) }
        try await directory.authorize(principal, .receiveSupplies, .area(id: shipment.toArea, path: shipment.toPath))
        _ = try await store.receiveShipment(
            id: id, by: principal.auditName, at: clock.now(), audit: clock.event(principal.auditName, .shipmentReceive, kind: "area", id: shipment.toArea, detail: id))
        return try await store.shipment(id: id) ?? shipment
    }

    public func list(page: PageRequest, as principal: Principal) async throws -> ListPage<SupplyShipment> {
        try await directory.authorize(principal, .receiveSupplies, kind: "shipment", id: "list")
        guard let root = principal.jurisdiction else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "shipment", id: "list") }
        return try await store.shipments(within: root, page: page)
    }

    /// What the area and each area below it hold, by level from the top (the dashboard's view).
    public func held(areaID: String, as principal: Principal) async throws -> [(area: Area, stock: AreaStock)] {
        guard let area = try await store.area(id: areaID) else { throw StoreError.notFound(kind: "area", id: areaID) }
        try await directory.authorize(principal, .readDashboard, .area(id: area.id, path: area.path))
        var out: [(area: Area, stock: AreaStock)] = []
        for stock in try await store.areaStocks(within: AreaPath(area.path)) {
            if let a = try await store.area(id: stock.areaID) { out.append((a, stock)) }
        }
        return out.sorted { ($0.area.level.rank, $0.area.name, $0.stock.item) < ($1.area.level.rank, $1.area.name, $1.stock.item) }
    }

    /// What each area of the principal's holds.
    public func stocks(within root: AreaPath) async throws -> [AreaStock] {
        try await store.areaStocks(within: root)
    }
}
