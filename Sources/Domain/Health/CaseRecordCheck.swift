import Foundation

/// What is wrong with the dates of a case record. The dates set the tracing window, so a typo
/// (an onset in 2030, an isolation in 2020) silently shrinks or empties a case's contacts: such a
/// record is refused with why, and nothing is stored.
public enum CaseRecordProblem: Sendable, Equatable {
    case onsetInFuture
    case isolationInFuture
    case isolationBeforeOnset
    /// Symptoms began more than `days` after the first positive sample.
    case onsetLongAfterFirstPositive(days: Int)
    /// A date before the retention window (`days`): presence that old is purged, so the trace
    /// would miss contacts. Allowed once the epidemiologist confirms it.
    case beforeRetention(days: Int)

    /// A stable name, for the API and for messages.
    public var code: String {
        switch self {
        case .onsetInFuture: "onset-in-future"
        case .isolationInFuture: "isolation-in-future"
        case .isolationBeforeOnset: "isolation-before-onset"
        case .onsetLongAfterFirstPositive: "onset-after-first-positive"
        case .beforeRetention: "before-retention"
        }
    }

    public var description: String {
        switch self {
        case .onsetInFuture: "onset: lies in the future"
        case .isolationInFuture: "isolatedAt: lies in the future"
        case .isolationBeforeOnset: "isolatedAt: lies before onset"
        case .onsetLongAfterFirstPositive(let days): "onset: more than \(days) days after the first positive sample"
        case .beforeRetention(let days): "onset/isolatedAt: before the \(days)-day retention window; confirm to keep it"
        }
    }
}

/// A case record refused for its dates.
public struct CaseRecordRejected: Error, Equatable, CustomStringConvertible {
    public let problems: [CaseRecordProblem]
    public init(_ problems: [CaseRecordProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}

extension CaseRecord {
    /// The problems of this record's dates, none when it may be stored. Onset may follow the first
    /// positive sample by at most the quarantine period (symptoms after a positive test); a date
    /// before the retention window needs `confirmedOld`.
    public func problems(firstPositive: Date?, now: Date, profile: OutbreakProfile, confirmedOld: Bool) -> [CaseRecordProblem] {
        var problems: [CaseRecordProblem] = []
        if let onset, onset > now { problems.append(.onsetInFuture) }
        if let isolatedAt, isolatedAt > now { problems.append(.isolationInFuture) }
        if let onset, let isolatedAt, isolatedAt < onset { problems.append(.isolationBeforeOnset) }
        let bound = profile.colours.quarantineDays
        if let onset, let firstPositive, onset > firstPositive.addingTimeInterval(Double(bound) * 86_400) {
            problems.append(.onsetLongAfterFirstPositive(days: bound))
        }
        let retentionStart = now.addingTimeInterval(-Double(profile.retentionDays) * 86_400)
        if !confirmedOld, [onset, isolatedAt].contains(where: { $0.map { $0 < retentionStart } ?? false }) {
            problems.append(.beforeRetention(days: profile.retentionDays))
        }
        return problems
    }
}
