import Foundation

/// Every stored fact the colour rules may use, read in one go for a full recompute: a city's facts
/// concern a small share of its people, so reading them table by table beats asking person by person.
public struct HealthFactRows: Sendable {
    public var labs: [LabResult] = []
    public var caseRecords: [CaseRecord] = []
    public var exposures: [ContactExposure] = []
    public var arrivals: [Arrival] = []
    public var checkIns: [CheckIn] = []
    public var overrides: [OverrideRequest] = []
    public var corrections: [FactCorrection] = []
    /// People whose stored status is not green (they may turn green).
    public var notGreen: [String] = []

    public init() {}
}
