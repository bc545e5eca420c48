/// The import kinds of the DESIGN §5 contract.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case areas, places, residents, presence, labs, arrivals

    /// Feeds refer to people and places; reference data describes them.
    public var isFeed: Bool { self == .presence || self == .labs || self == .arrivals }
}
