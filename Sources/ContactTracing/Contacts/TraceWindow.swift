import Domain
import Foundation

/// The span of a case's infectious period that tracing looks at (DESIGN §4): from a number of days
/// before symptom onset (or the first positive sample) until isolation (or the first positive sample).
public struct TraceWindow: Sendable, Equatable {
    public var from: UInt32
    public var to: UInt32

    public init(from: UInt32, to: UInt32) {
        self.from = from
        self.to = max(from, to)
    }

    public init(for facts: CaseFacts, rules: TracingRules) {
        let anchor = Minutes.of(facts.onset ?? facts.firstPositiveSample)
        let before = UInt32(max(0, rules.windowDaysBeforeOnset)) * 1440
        self.init(from: anchor > before ? anchor - before : 0, to: Minutes.of(facts.isolatedAt ?? facts.firstPositiveSample))
    }
}
