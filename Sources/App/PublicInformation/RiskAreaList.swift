import Domain
import Foundation
import HealthRules

/// The public list of medium- and high-risk areas: since when, and until when if no new case comes.
public struct RiskAreaList: Sendable {
    let services: CordonServices

    public init(services: CordonServices) { self.services = services }

    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var level: String
        public var cases: Int
        public var since: Date?
        public var until: Date?
        public var latitude: Double?
        public var longitude: Double?
        /// GeoJSON geometry text of an area (communities); compounds have a point instead.
        public var geometry: String?
    }

    public func current() async throws -> [Entry] {
        try await services.publicCache.value("risk-areas") {
            let service = RiskAreaService(services: services)
            let report = try await service.report()
            let cases = try await service.areaCases()
            let window = Double(services.profile.riskAreas.windowDays) * 86_400
            var out: [Entry] = []
            for row in report.current {
                let since = report.history.last { $0.area == row.area.id && $0.to == row.level }?.at
                let last = cases.filter { $0.area == row.area.id }.map(\.at).max()
                var entry = Entry(
                    id: row.area.id, name: row.area.name, level: row.level.rawValue, cases: row.cases, since: since,
                    until: last.map { $0.addingTimeInterval(window) })
                if let area = try await services.store.area(id: row.area.id) {
                    entry.geometry = area.geometry
                } else if let place = try await services.store.place(id: row.area.id) {
                    entry.latitude = place.latitude
                    entry.longitude = place.longitude
                }
                out.append(entry)
            }
            return out
        }
    }
}
