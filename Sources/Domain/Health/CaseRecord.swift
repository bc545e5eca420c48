import Foundation

/// An epidemiologist's record of a case: confirmed or discarded by a person, with onset and
/// isolation times that set the tracing window and an outcome. Without one, a case is what its lab
/// results make it (`CaseFacts.derive`).
public struct CaseRecord: Sendable, Equatable, Codable {
    public var person: String
    public var status: CaseRecordStatus
    public var onset: Date?
    public var isolatedAt: Date?
    /// `recovered`, `died`, `in-hospital`… as the epidemiologist writes it.
    public var outcome: String?
    public var updatedBy: String
    public var updatedAt: Date

    public init(
        person: String, status: CaseRecordStatus, onset: Date? = nil, isolatedAt: Date? = nil, outcome: String? = nil, updatedBy: String, updatedAt: Date
    ) {
        self.person = person
        self.status = status
        self.onset = onset
        self.isolatedAt = isolatedAt
        self.outcome = outcome
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}

public enum CaseRecordStatus: String, Sendable, Codable, CaseIterable {
    case suspected, confirmed, discarded
}
