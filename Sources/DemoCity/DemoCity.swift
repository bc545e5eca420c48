import Domain

/// A synthetic, plausible city: the area tree with polygons around Hangzhou's centre, compounds,
/// venues, checkpoints, cells, pharmacies and vehicles, and residents in households with valid
/// identity numbers. Everything follows from the spec's seed.
public struct DemoCity: Sendable {
    public let spec: DemoCitySpec
    public private(set) var areas: [Area] = []
    public private(set) var places: [Place] = []
    /// The grids in order, with the compound each grid's residents live in.
    public private(set) var grids: [GridInfo] = []

    public struct GridInfo: Sendable {
        public var area: Area
        public var districtCode: String
        public var compound: Place
        public var rect: GeoRect
    }

    public init(spec: DemoCitySpec) {
        self.spec = spec
        buildAreasAndPlaces()
    }

    private mutating func buildAreasAndPlaces() {
        var g = SeededGenerator(seed: spec.seed).fork("areas")
        let c = Vocabulary.centre
        let cityRect = GeoRect(south: c.lat - 0.25, west: c.lon - 0.3, north: c.lat + 0.25, east: c.lon + 0.3)
        let city = Area(
            id: Vocabulary.cityCode, name: Vocabulary.cityName, level: .city, parentID: nil, geometry: cityRect.geoJSON, path: "/\(Vocabulary.cityCode)/",
            nameEn: Vocabulary.cityNameEn)
        areas.append(city)
        for (d, districtRect) in cityRect.subdivide(spec.districts).enumerated() {
            let info = Vocabulary.districts[d]
            let district = child(of: city, id: info.code, name: info.name, nameEn: info.nameEn, level: .district, rect: districtRect)
            for (s, streetRect) in districtRect.subdivide(spec.streetsPerDistrict).enumerated() {
                let streetID = info.code + String(format3(s + 1))
                let streetName = pick(Vocabulary.communityWords, 2, &g) + Vocabulary.streetSuffixes[s % 3]
                let street = child(of: district, id: streetID, name: streetName, level: .street, rect: streetRect)
                for (k, communityRect) in streetRect.subdivide(spec.communitiesPerStreet).enumerated() {
                    let communityID = streetID + format3(k + 1)
                    let community = child(of: street, id: communityID, name: pick(Vocabulary.communityWords, 2, &g) + "社区", level: .community, rect: communityRect)
                    places.append(placeIn(communityRect, id: "CP-\(communityID)", kind: .checkpoint, name: "\(community.name)卡口", area: community.id, &g))
                    for (n, gridRect) in communityRect.subdivide(spec.gridsPerCommunity).enumerated() {
                        let grid = child(of: community, id: "\(communityID)-G\(format2(n + 1))", name: "\(community.name)第\(n + 1)网格", level: .grid, rect: gridRect)
                        let compoundName = pick(Vocabulary.communityWords, 2, &g) + Vocabulary.compoundWords[Int.random(in: 0..<Vocabulary.compoundWords.count, using: &g)]
                        let compound = placeIn(gridRect, id: "CMP-\(grid.id)", kind: .compound, name: compoundName, area: grid.id, &g)
                        places.append(compound)
                        grids.append(GridInfo(area: grid, districtCode: info.code, compound: compound, rect: gridRect))
                    }
                }
            }
        }
        addServicePlaces(&g)
    }

    /// Venues (one per ~200 residents: shops, canteens, markets), cells (~3,000), pharmacies (~5,000),
    /// and a few vehicles. Fewer venues would crowd each one, and a case's afternoon there would make
    /// dozens of close contacts, most of a small city red within days.
    private mutating func addServicePlaces(_ g: inout SeededGenerator) {
        let perGrid = max(1, spec.residents / max(1, grids.count))
        for (i, grid) in grids.enumerated() {
            let venues = max(i == 0 ? 1 : 0, Int((Double(perGrid) / 200).rounded()))
            for v in 0..<venues {
                let kind = Vocabulary.venueKinds[Int.random(in: 0..<Vocabulary.venueKinds.count, using: &g)]
                places.append(placeIn(grid.rect, id: "V-\(grid.area.id)-\(v + 1)", kind: .venue, name: pick(Vocabulary.communityWords, 2, &g) + kind, area: grid.area.id, &g))
            }
            if i % max(1, 3000 / perGrid) == 0 || i == 0 {
                places.append(placeIn(grid.rect, id: "CELL-\(grid.area.id)", kind: .cell, name: "基站 \(grid.area.id)", area: grid.area.id, &g))
            }
            if i % max(1, 5000 / perGrid) == 0 || i == 0 {
                places.append(placeIn(grid.rect, id: "PH-\(grid.area.id)", kind: .pharmacy, name: pick(Vocabulary.communityWords, 2, &g) + "大药房", area: grid.area.id, &g))
            }
        }
        for train in ["G7512", "G1373", "D3125"] {
            places.append(Place(id: "TRAIN-\(train)", kind: .vehicle, name: "\(train) 次列车", areaID: nil))
        }
        places.append(Place(id: "BUS-K155", kind: .vehicle, name: "K155 路公交", areaID: Vocabulary.cityCode))
        let station = grids[0]
        places.append(placeIn(station.rect, id: "CP-HZ-EAST", kind: .checkpoint, name: "杭州东站出站口", area: station.area.id, &g))
    }

    private mutating func child(of parent: Area, id: String, name: String, nameEn: String? = nil, level: AreaLevel, rect: GeoRect) -> Area {
        let area = Area(
            id: id, name: name, level: level, parentID: parent.id, geometry: rect.geoJSON, path: Area.path(childID: id, parentPath: parent.path), nameEn: nameEn)
        areas.append(area)
        return area
    }

    private func placeIn(_ rect: GeoRect, id: String, kind: PlaceKind, name: String, area: String, _ g: inout SeededGenerator) -> Place {
        let p = rect.randomPoint(using: &g)
        return Place(id: id, kind: kind, name: name, areaID: area, latitude: p.lat, longitude: p.lon)
    }
}

func pick(_ chars: [Character], _ n: Int, _ g: inout SeededGenerator) -> String {
    var s = ""
    for _ in 0..<n { s.append(chars[Int.random(in: 0..<chars.count, using: &g)]) }
    return s
}

func format3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
