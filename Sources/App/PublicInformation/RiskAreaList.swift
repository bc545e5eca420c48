import Domain
import Foundation
import HealthRules

/// The public list of medium- and high-risk areas: since when, and until when if no new case comes.
public struct RiskAreaList: Sendable {
    let store: any AreaRepository & PlaceRepository
    let profiles: ProfileStore
    let publicCache: PublicCache
    let riskAreas: RiskAreaService

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
        try await publicCache.value("risk-areas") {
            let report = try await riskAreas.report()
            let cases = try await riskAreas.areaCases()
            let window = Double(profiles.profile.riskAreas.windowDays) * 86_400
            var out: [Entry] = []
            for row in report.current {
                let since = report.history.last { $0.area == row.area.id && $0.to == row.level }?.at
                let last = cases.filter { $0.area == row.area.id }.map(\.at).max()
                var entry = Entry(
                    id: row.area.id, name: row.area.name, level: row.level.rawValue, cases: row.cases, since: since,
                    until: last.map { $0.addingTimeInterval(window) })
                if let area = try await store.area(id: row.area.id) {
                    entry.geometry = area.geometry
                } else if let place = try await store.place(id: row.area.id) {
                    entry.latitude = place.latitude
                    entry.longitude = place.longitude
                }
                out.append(entry)
            }
            return out
        }
    }
}
