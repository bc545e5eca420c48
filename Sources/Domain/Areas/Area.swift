/// A node of the area tree: city → district → street → community → grid.
///
/// `path` lists the ids from the root down to this area, separated by `/` and ending with `/`
/// (`/3301/330102/330102001/`). Jurisdiction checks are then a prefix test, with no tree walk.
public struct Area: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var level: AreaLevel
    public var parentID: String?
    /// GeoJSON geometry (Polygon or MultiPolygon) as text, stored as given.
    public var geometry: String?
    public var path: String
    /// The name on English pages, where the area import gives one (`nameEn`); `name` otherwise.
    public var nameEn: String?

    public init(id: String, name: String, level: AreaLevel, parentID: String?, geometry: String? = nil, path: String, nameEn: String? = nil) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.level = level
        self.parentID = parentID
        self.geometry = geometry
        self.path = path
    }

    /// The path of a child with `childID` under an area whose path is `parentPath` (nil for a root).
    public static func path(childID: String, parentPath: String?) -> String {
        (parentPath ?? "/") + childID + "/"
    }

    /// The name for a reader of English (`english`) or Chinese.
    public func name(english: Bool) -> String { english ? nameEn ?? name : name }

    /// True when `other` is this area or lies below it.
    public func contains(path other: String) -> Bool { other.hasPrefix(path) }
}

/// What an import needs to know of an existing area: where it is in the tree and its level.
public struct AreaRef: Sendable, Equatable {
    public var path: String
    public var level: AreaLevel

    public init(path: String, level: AreaLevel) {
        self.path = path
        self.level = level
    }
}
