/// The risk level of a compound or community.
public enum RiskLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high

    var strength: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.strength < b.strength }
}
