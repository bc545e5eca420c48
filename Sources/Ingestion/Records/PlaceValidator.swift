import Domain

/// Validates `places` records: id, kind, name, an optional known area and an optional position.
public struct PlaceValidator: ParallelValidator {
    let areas: [String: AreaRef]

    public init(areas: [String: AreaRef]) { self.areas = areas }

    public mutating func validate(_ r: RawRecord) throws(ImportProblem) -> Place {
        let id = try RecordID.check(try r.required("id"), field: "id", line: r.line)
        guard let kind = try r.choice("kind", PlaceKind.self) else { throw ImportProblem(line: r.line, field: "kind", reason: "is required") }
        let name = try r.required("name")
        let area = r.optional("area")
        if let area, areas[area] == nil { throw ImportProblem(line: r.line, field: "area", reason: "unknown area \"\(area)\"") }
        let lat = try r.number("lat", in: -90...90)
        let lon = try r.number("lon", in: -180...180)
        if (lat == nil) != (lon == nil) {
            throw ImportProblem(line: r.line, field: lat == nil ? "lat" : "lon", reason: "lat and lon must be given together")
        }
        return Place(id: id, kind: kind, name: name, areaID: area, latitude: lat, longitude: lon)
    }
}
