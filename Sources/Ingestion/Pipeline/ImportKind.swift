/// The import kinds of the DESIGN §5 contract handled so far.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case areas, places, residents
}
