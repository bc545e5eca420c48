import Foundation

/// How a colour may be set by hand (DESIGN §7): a proposer holding `proposeOverrides`, a legal
/// basis, an end no later than the profile allows, and a different person holding `decideOverrides`
/// whose jurisdiction holds the person. Both checks are here, in one place, so no route can forget one;
/// who holds those permissions is `AccessPolicy.grants`.
public enum OverridePolicy {
    /// Why an override was refused, in words for the person who tried.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case roleMayNotPropose(Role)
        case roleMayNotApprove(Role)
        case selfApproval
        case missingLegalBasis
        case badExpiry(String)
        case alreadyDecided
        case outsideJurisdiction

        public var description: String {
            switch self {
            case .roleMayNotPropose(let r): "the role \(r.rawValue) may not propose a colour change"
            case .roleMayNotApprove(let r): "the role \(r.rawValue) may not approve a colour change"
            case .selfApproval: "a colour change needs a second person: the proposer may not approve it"
            case .missingLegalBasis: "a colour change needs its legal basis (the law and article)"
            case .badExpiry(let why): why
            case .alreadyDecided: "this request was already decided"
            case .outsideJurisdiction: "the person is outside your jurisdiction"
            }
        }
    }

    public static func checkProposal(by principal: Principal, legalBasis: String, until: Date, now: Date, maxDays: Int) throws(Refusal) {
        guard AccessPolicy.may(principal, .proposeOverrides) else { throw .roleMayNotPropose(principal.role) }
        guard legalBasis.trimmingCharacters(in: .whitespacesAndNewlines).count >= 4 else { throw .missingLegalBasis }
        guard until > now else { throw .badExpiry("the end must lie in the future") }
        guard until <= now.addingTimeInterval(Double(maxDays) * 86_400) else {
            throw .badExpiry("a colour change may last at most \(maxDays) days (the outbreak profile's overrideMaxDays)")
        }
    }

    public static func checkDecision(by principal: Principal, of request: OverrideRequest, personAreaPath: String) throws(Refusal) {
        guard request.state == .proposed else { throw .alreadyDecided }
        guard AccessPolicy.may(principal, .decideOverrides) else { throw .roleMayNotApprove(principal.role) }
        guard AccessPolicy.may(principal, .decideOverrides, in: AreaPath(personAreaPath)) else { throw .outsideJurisdiction }
        guard principal.auditName != request.proposer else { throw .selfApproval }
    }
}
