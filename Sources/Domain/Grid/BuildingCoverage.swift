/// Door-to-door screening of one building (楼栋) of a compound: how many of its households were
/// visited in a period ("building 3: 42 of 48 households visited today").
public struct BuildingCoverage: Sendable, Equatable {
    /// Nil for households whose residents name no building.
    public var building: String?
    public var households: Int
    public var visited: Int

    public init(building: String?, households: Int, visited: Int) {
        self.building = building
        self.households = households
        self.visited = visited
    }
}
