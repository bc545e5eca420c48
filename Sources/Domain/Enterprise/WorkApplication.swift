import Foundation

/// An enterprise's application to return to work: its prevention plan (the profile's checklist,
/// each item ticked or not), its headcount and the share of its consenting employees who are
/// green when it applied. The district approves it (a certificate can then be printed), asks
/// for changes or refuses, always with reasons; an approval can be revoked.
public struct WorkApplication: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case submitted
        case approved
        case changesRequested = "changes-requested"
        case refused
        /// Approved, then withdrawn by the district: its certificates stop verifying.
        case revoked
    }

    public var id: String
    public var enterpriseID: String
    public var enterpriseName: String
    public var areaPath: String
    /// Checklist item → in place.
    public var plan: [String: Bool]
    public var headcount: Int
    /// Employees who consented, and how many of them were green at submission.
    public var employees: Int
    public var green: Int
    public var state: State
    public var submittedBy: String
    public var submittedAt: Date
    public var decidedBy: String?
    public var decidedAt: Date?
    public var reason: String?
    /// Hex ids of the certificates printed for it (revoked with it).
    public var certificates: [String] = []

    public init(
        id: String, enterpriseID: String, enterpriseName: String, areaPath: String, plan: [String: Bool], headcount: Int, employees: Int, green: Int,
        submittedBy: String, submittedAt: Date
    ) {
        (self.id, self.enterpriseID, self.enterpriseName, self.areaPath, self.plan) = (id, enterpriseID, enterpriseName, areaPath, plan)
        (self.headcount, self.employees, self.green, self.state, self.submittedBy, self.submittedAt) = (headcount, employees, green, .submitted, submittedBy, submittedAt)
    }

    /// The share of consenting employees who were green, 0…1 (nil with none).
    public var greenShare: Double? { employees > 0 ? Double(green) / Double(employees) : nil }

    /// What the form sent, checked: every problem names its field.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case headcount(String)
        case enterpriseNotApproved
        case alreadyOpen
        case reasonMissing
        case notDecidable(State)

        public var field: String {
            switch self {
            case .headcount: "headcount"
            case .enterpriseNotApproved, .alreadyOpen: "enterprise"
            case .reasonMissing: "reason"
            case .notDecidable: "decision"
            }
        }

        public var description: String {
            switch self {
            case .headcount(let t): "headcount: \"\(t)\" is not a number of people (1 to 1,000,000)"
            case .enterpriseNotApproved: "enterprise: the district has not approved the enterprise's registration"
            case .alreadyOpen: "enterprise: an application is already waiting or approved"
            case .reasonMissing: "reason: say why, so the enterprise can act on it"
            case .notDecidable(let s): "decision: the application is \(s.rawValue)"
            }
        }
    }

    public static func headcount(_ typed: String) throws(Problem) -> Int {
        guard let n = Int(typed.trimmingCharacters(in: .whitespaces)), (1...1_000_000).contains(n) else { throw .headcount(typed) }
        return n
    }
}
