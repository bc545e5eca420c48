import Domain
import Foundation

/// "Near me": published cases (by their compound) and risk areas within a radius of a point or of a
/// compound found by name.
public struct NearMeService: Sendable {
    let store: any PlaceRepository
    let publicCache: PublicCache
    let disclosures: DisclosureService
    let riskAreaList: RiskAreaList

    public init(store: any PlaceRepository, publicCache: PublicCache, disclosures: DisclosureService, riskAreaList: RiskAreaList) {
        self.store = store
        self.publicCache = publicCache
        self.disclosures = disclosures
        self.riskAreaList = riskAreaList
    }

    public struct Result: Sendable {
        public var cases: [(item: CaseDisclosure.Published, metres: Double)]
        public var areas: [(item: RiskAreaList.Entry, metres: Double)]
        /// The risk areas whose outline holds the point itself (where the reader stands).
        public var standingIn: [RiskAreaList.Entry]
    }

    public func near(_ point: (lat: Double, lon: Double), radius: Double) async throws -> Result {
        let cases = try await disclosures.published()
        let areas = try await riskAreaList.current()
        return Result(
            cases: NearMe.within(radius, of: point, cases) { d in d.latitude.flatMap { lat in d.longitude.map { (lat, $0) } } },
            areas: NearMe.within(radius, of: point, areas) { a in
                if let lat = a.latitude, let lon = a.longitude { return (lat, lon) }
                return a.geometry.flatMap(Self.centre)
            },
            standingIn: areas.filter { a in a.geometry.map { Self.contains($0, point) } ?? false })
    }

    /// A compound by its name (exact first, then the first that contains the text).
    public func compound(named name: String) async throws -> Place? {
        let compounds = try await publicCache.value("compounds") { [store] in
            var places: [Place] = []
            for (id, kind) in try await store.placeKinds().sorted(by: { $0.key < $1.key }) where kind == .compound {
                if let place = try await store.place(id: id) { places.append(place) }
            }
            return places
        }
        return compounds.first { $0.name == name } ?? compounds.first { $0.name.contains(name) }
    }

    /// The mean of a GeoJSON geometry's coordinates: near enough to an area's centre for a radius in km.
    static func centre(_ geometry: String) -> (lat: Double, lon: Double)? {
        guard let object = try? JSONDecoder().decode(Geometry.self, from: Data(geometry.utf8)) else { return nil }
        var lats: [Double] = [], lons: [Double] = []
        func walk(_ value: Coordinates) {
            switch value {
            case .position(let pair) where pair.count >= 2:
                lons.append(pair[0])
                lats.append(pair[1])
            case .list(let list):
                list.forEach(walk)
            case .position, .other:
                break
            }
        }
        walk(object.coordinates ?? .other)
        guard !lats.isEmpty else { return nil }
        return (lats.reduce(0, +) / Double(lats.count), lons.reduce(0, +) / Double(lons.count))
    }

    /// Whether a GeoJSON Polygon or MultiPolygon holds the point: a ray from the point crosses its
    /// rings an odd number of times (holes and separate parts count right by the same rule).
    static func contains(_ geometry: String, _ point: (lat: Double, lon: Double)) -> Bool {
        guard let object = try? JSONDecoder().decode(Geometry.self, from: Data(geometry.utf8)) else { return false }
        var rings: [[(x: Double, y: Double)]] = []
        func walk(_ value: Coordinates) {
            guard case .list(let list) = value else { return }
            let positions = list.compactMap { item -> (x: Double, y: Double)? in
                if case .position(let p) = item, p.count >= 2 { return (p[0], p[1]) }
                return nil
            }
            if positions.count == list.count, positions.count >= 3 { rings.append(positions) } else { list.forEach(walk) }
        }
        walk(object.coordinates ?? .other)
        var inside = false
        for ring in rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > point.lat) != (b.y > point.lat), point.lon < (b.x - a.x) * (point.lat - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// A GeoJSON geometry object; only its coordinates count (a geometry without them has no centre).
    private struct Geometry: Decodable {
        let coordinates: Coordinates?
    }

    /// GeoJSON coordinates at any depth: a position (`[lon, lat, …]`), a list of deeper coordinates,
    /// or anything else (ignored).
    private indirect enum Coordinates: Decodable {
        case position([Double])
        case list([Coordinates])
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let position = try? container.decode([Double].self) {
                self = .position(position)
            } else if let list = try? container.decode([Coordinates].self) {
                self = .list(list)
            } else {
                self = .other
            }
        }
    }
}
