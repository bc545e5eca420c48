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

extension CaseFacts {
    /// The case as an epidemiologist's record corrects what lab results made of it: discarded is no
    /// case; otherwise the record's status, onset and isolation, and the first positive sample (or,
    /// without one, the time of the record).
    public static func resolve(_ derived: CaseFacts?, record: CaseRecord?) -> CaseFacts? {
        guard let record else { return derived }
        switch record.status {
        case .discarded:
            return nil
        case .confirmed, .suspected:
            return CaseFacts(
                person: record.person, status: record.status == .confirmed ? .confirmed : .suspected,
                firstPositiveSample: derived?.firstPositiveSample ?? record.updatedAt, onset: record.onset, isolatedAt: record.isolatedAt)
        }
    }
}
