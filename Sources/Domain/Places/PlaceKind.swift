/// What a place is; tracing rules differ by kind (seat rows for vehicles, companion rules for cells).
public enum PlaceKind: String, Sendable, Codable, CaseIterable {
    case venue, checkpoint, vehicle, cell, compound, pharmacy
}
