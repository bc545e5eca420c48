import Foundation

/// A request for a certificate of force majeure (不可抗力证明): the epidemic measures kept the
/// enterprise from performing a contract. The district issues it (a signed certificate whose QR
/// verifies offline, naming the contract) or refuses it with a reason.
public struct ForceMajeureRequest: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case requested
        case issued
        case refused
    }

    public var id: String
    public var enterpriseID: String
    public var enterpriseName: String
    public var areaPath: String
    /// What kept the enterprise from performing (in its words).
    public var reason: String
    /// The contract it concerns (its number or parties), printed on the certificate.
    public var contract: String
    public var state: State
    public var requestedBy: String
    public var requestedAt: Date
    public var decidedBy: String?
    public var decidedAt: Date?
    public var refusal: String?
    /// Hex ids of the certificates printed.
    public var certificates: [String] = []

    public init(
        id: String, enterpriseID: String, enterpriseName: String, areaPath: String, reason: String, contract: String, requestedBy: String, requestedAt: Date
    ) {
        (self.id, self.enterpriseID, self.enterpriseName, self.areaPath, self.reason, self.contract) = (id, enterpriseID, enterpriseName, areaPath, reason, contract)
        (self.state, self.requestedBy, self.requestedAt) = (.requested, requestedBy, requestedAt)
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case missing(field: String)
        case tooLong(field: String)
        case enterpriseNotApproved
        case refusalReasonMissing
        case notDecidable(State)

        public var field: String {
            switch self {
            case .missing(let f), .tooLong(let f): f
            case .enterpriseNotApproved: "enterprise"
            case .refusalReasonMissing: "refusal"
            case .notDecidable: "decision"
            }
        }

        public var description: String {
            switch self {
            case .missing(let f): "\(f): required"
            case .tooLong(let f): "\(f): at most 500 characters"
            case .enterpriseNotApproved: "enterprise: not approved by the district"
            case .refusalReasonMissing: "refusal: say why it is refused"
            case .notDecidable(let s): "decision: the request is \(s.rawValue)"
            }
        }
    }

    /// A field as typed: trimmed, required, at most 500 characters.
    public static func text(_ typed: String, field: String) throws(Problem) -> String {
        let t = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw .missing(field: field) }
        guard t.count <= 500 else { throw .tooLong(field: field) }
        return t
    }
}
