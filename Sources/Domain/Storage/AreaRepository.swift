/// Areas of the tree.
public protocol AreaRepository: Sendable {
    /// Inserts areas whose id is new and leaves known ids untouched; returns how many were new.
    func insertAreas(_ areas: [Area], audit: AuditEvent?) async throws -> Int
    func area(id: String) async throws -> Area?
    /// Children of an area, or the roots when `parentID` is nil, ordered by id.
    func children(of parentID: String?) async throws -> [Area]
    /// Areas under (and including) `area` whose name contains `text`, by path, at most `limit`.
    func areas(named text: String, within area: AreaPath, limit: Int) async throws -> [Area]
    /// Every area's path and level by id. Areas number in the tens of thousands, so imports hold this in memory.
    func areaDirectory() async throws -> [String: AreaRef]
    /// How many areas of each level lie within `path`.
    func areaCounts(within path: String) async throws -> [AreaLevel: Int]
}
