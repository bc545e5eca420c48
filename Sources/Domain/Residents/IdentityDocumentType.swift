/// The kind of identity document a resident is registered with.
public enum IdentityDocumentType: String, Sendable, Codable, CaseIterable {
    case residentID = "resident-id"
    case passport
    case other
}
