/// Where an area sits in the tree: the ids from the root down, each followed by `/`
/// (`/3301/330102/330102001/`). Jurisdiction is containment of one path in another, which a
/// database answers as a range scan on an index (`path >= lower AND path < upper`).
public struct AreaPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The whole tree: what the system itself (not a person) works on.
    public static let everywhere = AreaPath("/")

    /// True when `other` is this area or lies below it. Paths end in `/`, so `/G1/` does not contain `/G10/`.
    public func contains(_ other: AreaPath) -> Bool { other.rawValue.hasPrefix(rawValue) }

    /// True when `other` lies strictly below this area (a grid worker may see the name of their community).
    public func isAncestor(of other: AreaPath) -> Bool { self != other && contains(other) }

    /// The id of the area directly below this one on the way to `descendant`, if it lies below.
    public func nextStep(towards descendant: AreaPath) -> String? {
        guard contains(descendant), descendant != self else { return nil }
        return descendant.rawValue.dropFirst(rawValue.count).split(separator: "/").first.map(String.init)
    }

    /// The bounds of a range scan for everything within: every path below starts with `rawValue`,
    /// and `~` sorts after every character an id may hold.
    public var lowerBound: String { rawValue }
    public var upperBound: String { rawValue + "~" }

    public var description: String { rawValue }

    public static func < (a: AreaPath, b: AreaPath) -> Bool { a.rawValue < b.rawValue }
}
