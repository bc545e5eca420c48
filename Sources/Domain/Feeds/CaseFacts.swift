import Foundation

/// What tracing needs to know about a case: when it started and when it was isolated.
///
/// Until the cases issue adds epidemiologists' edits (onset, isolation), a case is derived from lab
/// results: the first positive sample makes it; PCR confirms it, antigen only suspects it.
public struct CaseFacts: Sendable, Equatable {
    public var person: String
    public var status: CaseStatus
    public var firstPositiveSample: Date
    public var onset: Date?
    public var isolatedAt: Date?

    public init(person: String, status: CaseStatus, firstPositiveSample: Date, onset: Date? = nil, isolatedAt: Date? = nil) {
        self.person = person
        self.status = status
        self.firstPositiveSample = firstPositiveSample
        self.onset = onset
        self.isolatedAt = isolatedAt
    }

    /// The case made by a person's lab results, or nil when none is positive.
    public static func derive(person: String, from results: [LabResult], autoConfirmPCR: Bool = true) -> CaseFacts? {
        let positives = results.filter { $0.person == person && $0.result == .positive }
        guard let first = positives.min(by: { $0.sampledAt < $1.sampledAt }) else { return nil }
        let confirmed = autoConfirmPCR && positives.contains { $0.test == .pcr }
        return CaseFacts(person: person, status: confirmed ? .confirmed : .suspected, firstPositiveSample: first.sampledAt)
    }
}

public enum CaseStatus: String, Sendable, Codable {
    case suspected, confirmed
}
