/// Venues, checkpoints, vehicles, cells, compounds and pharmacies.
public protocol PlaceRepository: Sendable {
    /// Inserts places whose id is new; returns how many were new.
    func insertPlaces(_ places: [Place], audit: AuditEvent?) async throws -> Int
    func place(id: String) async throws -> Place?
    /// The places of one kind within `area`, by id.
    func places(kind: PlaceKind, within area: AreaPath) async throws -> [Place]
    /// Places within `area` whose name contains `text`, by name, at most `limit`.
    func places(named text: String, within area: AreaPath, limit: Int) async throws -> [Place]
    /// Every place's kind by id, for reference checks during imports.
    func placeKinds() async throws -> [String: PlaceKind]
    /// How many places of each kind have an area within `path`.
    func placeCounts(within path: String) async throws -> [PlaceKind: Int]
}
