/// Sex as recorded by the feed; the disclosure rules later publish only this and an age band.
public enum Sex: String, Sendable, Codable {
    case male, female, unknown

    /// Accepts the spellings feeds actually send: `male`/`female`, `M`/`F`, `男`/`女`.
    public init?(feedValue: String) {
        switch feedValue.lowercased() {
        case "male", "m", "男": self = .male
        case "female", "f", "女": self = .female
        case "unknown", "u", "": self = .unknown
        default: return nil
        }
    }
}
