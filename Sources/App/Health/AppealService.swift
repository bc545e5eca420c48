import Domain
import Foundation

/// Appeals against the facts behind a colour (GB/T 38963's correction interface): a resident (or
/// their proxy) names the fact and why; reviewers answer within the profile's deadline; the answer
/// reaches the resident by SMS; an upheld appeal corrects the fact itself, so the colour follows.
public struct AppealService: Sendable {
    let store: any HealthRepository & FeedRepository
    let profiles: ProfileStore
    let clock: WallClock
    let sms: SMSComposer
    let directory: PersonDirectory
    let statuses: StatusService
    public static let factKinds: Set<String> = ["arrival", "exposure", "symptoms", "other"]

    /// What is wrong with an appeal or a decision, for the person who sent it.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case badFactKind(String)
        /// The appeal names an arrival or exposure the person does not have.
        case unknownFact(kind: String, id: String)
        case reasonTooShort
        case decisionMissing
        case alreadyDecided

        public var description: String {
            switch self {
            case .badFactKind(let k): "\"\(k)\" is not a fact that can be appealed (arrival, exposure, symptoms, other)"
            case .unknownFact(let kind, let id): "fact: no \(kind) \(id) on record for this person"
            case .reasonTooShort: "say why the fact is wrong (at least 5 characters)"
            case .decisionMissing: "a decision needs its reason, which the resident receives"
            case .alreadyDecided: "this appeal was already decided"
            }
        }
    }

    /// The open appeals of people in the reviewer's jurisdiction, the nearest deadline first.
    public func open(as principal: Principal, page: PageRequest) async throws -> ListPage<Appeal> {
        try await directory.authorize(principal, .reviewAppeals, kind: "appeal", id: "*")
        guard let root = principal.jurisdiction else { return ListPage(items: [], total: 0, request: page) }
        return try await store.openAppeals(within: root, page: page)
    }

    public func submit(person: String, factKind: String, factID: String?, reason: String, as principal: Principal) async throws -> Appeal {
        // Who may appeal for this person comes first: a refusal says nothing about the form.
        _ = try await directory.resident(person, as: principal, for: .writePeople)  // self, dependant, or staff of the area; audited
        guard Self.factKinds.contains(factKind) else { throw Problem.badFactKind(factKind) }
        // The home page names an exposure by its place in the person's list (`#2`), never by the
        // index case's id: a contact must not learn who the case is from the page's source.
        var factID = factID
        if factKind == "exposure", let ref = factID, ref.hasPrefix("#") {
            let cases = try await Self.exposureOrder(person, store: store)
            guard let k = Int(ref.dropFirst()), cases.indices.contains(k - 1) else { throw Problem.unknownFact(kind: factKind, id: ref) }
            factID = cases[k - 1]
        }
        // An arrival or exposure named by id must be one of the person's: an upheld appeal corrects it.
        if let factID, !factID.isEmpty {
            let known: Bool
            switch factKind {
            case "arrival": known = try await store.arrivals(person: person).contains { $0.id == factID }
            case "exposure": known = try await store.exposures(person: person).contains { $0.caseID == factID }
            default: known = true
            }
            guard known else { throw Problem.unknownFact(kind: factKind, id: factID) }
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 5 else { throw Problem.reasonTooShort }
        let now = clock.now()
        let appeal = Appeal(
            id: "APL-" + UUID().uuidString.prefix(8).lowercased(), person: person, factKind: factKind, factID: factID, reason: reason,
            submittedBy: principal.auditName, submittedAt: now, deadline: now.addingTimeInterval(Double(profiles.profile.colours.appealDeadlineDays) * 86_400))
        try await store.insertAppeal(
            appeal, audit: clock.event(principal.auditName, .appealSubmit, kind: "person", id: person, detail: "\(appeal.id): \(factKind) \(factID ?? "-")"))
        return appeal
    }

    /// The cases a person was exposed to, in the order the home page numbers them (`#1`, `#2`, …).
    static func exposureOrder(_ person: String, store: any HealthRepository) async throws -> [String] {
        Array(Set(try await store.exposures(person: person).map(\.caseID))).sorted()
    }

    /// `exposure/R…` as the page shows it: `exposure/#k`.
    public func pageReference(_ value: String, person: String) async throws -> String {
        guard value.hasPrefix("exposure/") else { return value }
        let caseID = String(value.dropFirst("exposure/".count))
        guard let k = try await Self.exposureOrder(person, store: store).firstIndex(of: caseID) else { return "exposure/#0" }
        return "exposure/#\(k + 1)"
    }

    public func decide(_ id: String, uphold: Bool, decision: String, as principal: Principal) async throws -> Appeal {
        try await directory.authorize(principal, .reviewAppeals, kind: "appeal", id: id)
        guard var appeal = try await store.appeal(id: id) else { throw StoreError.notFound(kind: "appeal", id: id) }
        let resident = try await directory.resident(appeal.person, as: principal, for: .reviewAppeals)  // the reviewer's jurisdiction, audited
        let text = decision.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Problem.decisionMissing }
        guard appeal.state == .open else { throw Problem.alreadyDecided }
        let now = clock.now()
        appeal.state = uphold ? .upheld : .dismissed
        appeal.decidedBy = principal.auditName
        appeal.decidedAt = now
        appeal.decision = text
        var correction: FactCorrection? = nil
        if uphold, let factID = appeal.factID, appeal.factKind == "arrival" || appeal.factKind == "exposure" {
            correction = FactCorrection(person: appeal.person, factKind: appeal.factKind, factID: factID, appealID: appeal.id, at: now)
        }
        let decided = try await store.decideAppeal(
            appeal, correction: correction, notify: try message(to: resident, appeal),
            audit: clock.event(
                principal.auditName, uphold ? .appealUphold : .appealDismiss, kind: "person", id: appeal.person,
                detail: "\(appeal.id)\(correction.map { ": \($0.factKind) \($0.factID) corrected" } ?? ""); \(text)"))
        guard decided else { throw Problem.alreadyDecided }
        try await statuses.refresh(appeal.person)
        return appeal
    }

    /// The resident hears the decision and its reason.
    func message(to resident: SealedResident, _ a: Appeal) throws -> OutboxMessage? {
        let verdictZh = a.state == .upheld ? "已采纳，相关信息已更正" : "未采纳"
        return try sms.sms(to: resident, .appealAnswer, ["id": a.id, "verdictZh": verdictZh, "verdict": a.state.rawValue, "decision": a.decision ?? ""])
    }
}
