/// A place where presence is recorded: a venue, a checkpoint, a vehicle, a telecom cell, a residential
/// compound (小区) or a pharmacy.
public struct Place: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    public var kind: PlaceKind
    public var name: String
    public var areaID: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(id: String, kind: PlaceKind, name: String, areaID: String? = nil, latitude: Double? = nil, longitude: Double? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.areaID = areaID
        self.latitude = latitude
        self.longitude = longitude
    }
}
