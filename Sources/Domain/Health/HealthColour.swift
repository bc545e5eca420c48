/// The colour of a health code (健康码): red, yellow or green. Red is the strongest.
public enum HealthColour: String, Sendable, Codable, CaseIterable, Comparable {
    case green, yellow, red

    var strength: Int {
        switch self {
        case .green: 0
        case .yellow: 1
        case .red: 2
        }
    }

    public static func < (a: HealthColour, b: HealthColour) -> Bool { a.strength < b.strength }
}
