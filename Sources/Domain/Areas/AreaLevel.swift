/// A level of the administrative hierarchy, from the whole city down to the unit grid (单元网格).
public enum AreaLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case city, district, street, community, grid

    /// Depth in the tree: the city is 0, a grid is 4. A child is always deeper than its parent.
    public var rank: Int {
        switch self {
        case .city: 0
        case .district: 1
        case .street: 2
        case .community: 3
        case .grid: 4
        }
    }

    public static func < (lhs: AreaLevel, rhs: AreaLevel) -> Bool { lhs.rank < rhs.rank }
}
