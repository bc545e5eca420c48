import Foundation

/// A laboratory result. Positive results make cases (DESIGN §4: PCR confirms, antigen suspects).
public struct LabResult: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var person: String
    public var sampledAt: Date
    public var result: LabOutcome
    public var test: LabTest
    public var lab: String?

    public init(id: String, person: String, sampledAt: Date, result: LabOutcome, test: LabTest = .pcr, lab: String? = nil) {
        self.id = id
        self.person = person
        self.sampledAt = sampledAt
        self.result = result
        self.test = test
        self.lab = lab
    }
}

public enum LabOutcome: String, Sendable, Codable, CaseIterable {
    case positive, negative
}

public enum LabTest: String, Sendable, Codable, CaseIterable {
    case pcr, antigen
}
