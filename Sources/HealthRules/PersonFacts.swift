import Domain
import Foundation

/// Everything the colour rules look at for one person. The store keeps each fact with the time it
/// became known, so the facts as of any past moment (and hence the colour then) can be rebuilt.
public struct PersonFacts: Sendable, Equatable {
    public var person: String
    /// A confirmed or suspected case (discarded cases are left out by the caller).
    public var caseFacts: CaseFacts?
    public var exposures: [ContactExposure] = []
    public var arrivals: [Arrival] = []
    public var checkIns: [CheckIn] = []
    /// Sample times of negative tests.
    public var negativeTests: [Date] = []
    public var overrides: [ColourOverride] = []

    public init(person: String, caseFacts: CaseFacts? = nil) {
        self.person = person
        self.caseFacts = caseFacts
    }

    /// True when no rule can apply: most of a city, which a full recompute can skip in O(1).
    public var isEmpty: Bool {
        caseFacts == nil && exposures.isEmpty && arrivals.isEmpty && overrides.isEmpty && checkIns.allSatisfy { $0.symptoms.isEmpty && $0.temperature == nil }
    }
}
