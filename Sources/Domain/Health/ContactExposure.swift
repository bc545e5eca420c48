import Foundation

/// What tracing found about one person for one case: the strongest category and the last moment of
/// exposure, from which quarantine is counted.
public struct ContactExposure: Sendable, Equatable, Codable {
    public var person: String
    public var caseID: String
    public var category: ExposureCategory
    public var lastExposure: Date
    /// Where, for the reason shown to the person (the first place of the evidence).
    public var place: String?

    public init(person: String, caseID: String, category: ExposureCategory, lastExposure: Date, place: String? = nil) {
        self.person = person
        self.caseID = caseID
        self.category = category
        self.lastExposure = lastExposure
        self.place = place
    }

    /// Household, close and transport contacts are quarantined (red); the others watched (yellow).
    public var isRed: Bool { category.isRed }
}
