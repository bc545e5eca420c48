import Domain

/// Where a person lives, as grid work needs it: the grid whose worker goes there, the household
/// and compound, and a position for "nearest first".
public struct Home: Sendable, Equatable {
    public var gridID: String
    public var gridPath: String
    public var household: String?
    public var compound: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(gridID: String, gridPath: String, household: String? = nil, compound: String? = nil, latitude: Double? = nil, longitude: Double? = nil) {
        self.gridID = gridID
        self.gridPath = gridPath
        self.household = household
        self.compound = compound
        self.latitude = latitude
        self.longitude = longitude
    }
}
