import Domain
import Foundation
import Hummingbird

/// Forms for appeals (residents submit, reviewers decide), manual colours (propose, decide) and case
/// edits. Each form only calls the service that decides; refusals come back as the page's message.
struct HealthPagesController {
    let clock: WallClock
    let profiles: ProfileStore
    let appeals: AppealService
    let cases: CaseService
    let overrides: OverrideService
    let directory: PersonDirectory
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        // A resident or proxy appeals from their home page.
        router.post("appeals") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: AppealForm.self, context: context)
            let parts = form.fact.split(separator: "/", maxSplits: 1).map(String.init)
            do {
                _ = try await appeals.submit(
                    person: form.person, factKind: parts.first ?? "other", factID: parts.count > 1 ? parts[1] : nil, reason: form.reason, as: principal)
                return Response(status: .seeOther, headers: [.location: "/?appealed=1"])
            } catch let problem as AppealService.Problem {
                return Response(status: .seeOther, headers: [.location: "/?appealProblem=\(Self.query(problem.description))"])
            }
        }
        router.get("appeals") { request, context in
            let principal = try context.requirePrincipal(may: .reviewAppeals)
            let lang = Language.of(request)
            let now = clock.now()
            let q = request.uri.queryParameters
            let found = try await appeals.open(as: principal, page: Pager.request(q))
            let rows = found.items.map { a in
                AppealRow(
                    id: a.id, person: a.person, fact: "\(Strings.text("fact.\(a.factKind)", lang)) \(a.factID ?? "")", reason: a.reason,
                    submitted: pages.time(a.submittedAt), deadline: pages.time(a.deadline), overdue: a.deadline < now)
            }
            let page = AppealQueuePage(
                appeals: rows, hasAppeals: !rows.isEmpty, message: q.get("message"), pager: Pager(found, path: "/appeals", query: q, lang: lang))
            return pages.render("appeals", page, request: request, context: context)
        }
        router.post("appeals/:id/decision") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: DecisionForm.self, context: context)
            let id = try context.parameters.require("id")
            do {
                _ = try await appeals.decide(id, uphold: form.verdict == "uphold", decision: form.decision, as: principal)
                return Response(status: .seeOther, headers: [.location: "/appeals?message=\(Self.query(id))"])
            } catch let problem as AppealService.Problem {
                return Response(status: .seeOther, headers: [.location: "/appeals?message=\(Self.query(problem.description))"])
            }
        }

        router.get("overrides") { request, context in
            let principal = try context.requirePrincipal()
            let q = request.uri.queryParameters
            let found = try await overrides.pending(as: principal, page: Pager.request(q))
            let pending = found.items.map { r in
                PendingOverrideRow(
                    id: r.id, person: r.person, colour: r.colour.rawValue, colourName: Strings.text("colour.\(r.colour.rawValue)", Language.of(request)),
                    basis: r.legalBasis, until: pages.time(r.until), proposer: r.proposer, mine: r.proposer == principal.auditName)
            }
            let page = OverridesPage(
                pending: pending, hasPending: !pending.isEmpty, canPropose: AccessPolicy.may(principal, .proposeOverrides),
                canApprove: AccessPolicy.may(principal, .decideOverrides), maxDays: profiles.profile.colours.overrideMaxDays,
                message: q.get("message"), pager: Pager(found, path: "/overrides", query: q, lang: Language.of(request)))
            return pages.render("overrides", page, request: request, context: context)
        }
        router.post("overrides") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: OverrideForm.self, context: context)
            try await directory.authorize(principal, .proposeOverrides, kind: "person", id: form.person)  // audited refusal
            guard let colour = HealthColour(rawValue: form.colour), let until = localTime.date(fromInput: form.until) else {
                return Response(status: .seeOther, headers: [.location: "/overrides?message=\(Self.query("colour and end (YYYY-MM-DDTHH:MM) are required"))"])
            }
            do {
                let r = try await overrides.propose(person: form.person, colour: colour, legalBasis: form.legalBasis, until: until, as: principal)
                return Response(status: .seeOther, headers: [.location: "/overrides?message=\(Self.query(r.id))"])
            } catch let refusal as OverridePolicy.Refusal {
                return Response(status: .seeOther, headers: [.location: "/overrides?message=\(Self.query(refusal.description))"])
            }
        }
        router.post("overrides/:id/decision") { request, context in
            let principal = try context.requirePrincipal()
            try await directory.authorize(principal, .decideOverrides, kind: "override request", id: try context.parameters.require("id"))
            let form = try await request.decode(as: DecisionForm.self, context: context)
            guard form.verdict == "approve" || form.verdict == "reject" else { return redirect("/overrides", message: "verdict: approve or reject") }
            do {
                let r = try await overrides.decide(
                    try context.parameters.require("id"), approve: form.verdict == "approve", note: form.decision, as: principal)
                return Response(status: .seeOther, headers: [.location: "/overrides?message=\(Self.query("\(r.id) \(r.state.rawValue)"))"])
            } catch let refusal as OverridePolicy.Refusal {
                return Response(status: .seeOther, headers: [.location: "/overrides?message=\(Self.query(refusal.description))"])
            }
        }

        router.post("cases/:id/edit") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            try await directory.authorize(principal, .editCases, kind: "person", id: id)  // audited refusal
            let form = try await request.decode(as: CaseForm.self, context: context)
            guard let status = CaseRecordStatus(rawValue: form.status) else { throw HTTPError(.badRequest, message: "status") }
            // Nothing is stored from a refused form: it goes back as typed, with why.
            let typed = ["status": form.status, "onset": form.onset ?? "", "isolatedAt": form.isolatedAt ?? "", "outcome": form.outcome ?? ""]
            let refused = { (codes: [String]) in Response(status: .seeOther, headers: [.location: CaseEditForm.refusedLocation(id, form: typed, problems: codes)]) }
            let onset = form.onset.flatMap { $0.isEmpty ? nil : $0 }, isolated = form.isolatedAt.flatMap { $0.isEmpty ? nil : $0 }
            let unreadable = [("onset", onset), ("isolatedAt", isolated)].compactMap { field, text in
                text.map { localTime.date(fromInput: $0) == nil ? "\(field)-unreadable" : nil } ?? nil
            }
            guard unreadable.isEmpty else { return refused(unreadable) }
            let record = CaseRecord(
                person: id, status: status, onset: onset.flatMap(localTime.date(fromInput:)), isolatedAt: isolated.flatMap(localTime.date(fromInput:)),
                outcome: form.outcome?.isEmpty == false ? form.outcome : nil, updatedBy: principal.auditName, updatedAt: clock.now())
            do {
                try await cases.update(record, as: principal, confirmedOld: form.confirmOld == "yes")
            } catch let rejected as CaseRecordRejected {
                return refused(rejected.problems.map(\.code))
            }
            return Response(status: .seeOther, headers: [.location: status == .discarded ? "/cases" : "/cases/\(id)"])
        }
    }

    /// Form times are read on the city's clock (the profile's offset).
    var localTime: LocalTime { profiles.profile.localTime }

    static func query(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    struct AppealForm: Decodable { var person: String; var fact: String; var reason: String }
    struct DecisionForm: Decodable { var verdict: String; var decision: String }
    struct OverrideForm: Decodable { var person: String; var colour: String; var legalBasis: String; var until: String }
    struct CaseForm: Decodable { var status: String; var onset: String?; var isolatedAt: String?; var outcome: String?; var confirmOld: String? }

    /// The reviewers' queue of open appeals.
    struct AppealQueuePage: PageModel {
        let appeals: [AppealRow]
        let hasAppeals: Bool
        /// What the last decision did (the appeal's id) or why it was refused.
        let message: String?
        let pager: Pager
    }

    /// One open appeal: whose, the contested fact in words, the resident's reason, when it came and
    /// by when it must be decided (`overdue` once that has passed).
    struct AppealRow: Sendable {
        let id: String
        let person: String
        let fact: String
        let reason: String
        let submitted: String
        let deadline: String
        let overdue: Bool
    }

    /// Manual colours: the proposal form (for those who may propose, up to `maxDays`) and the
    /// proposals waiting for a second person's decision.
    struct OverridesPage: PageModel {
        let pending: [PendingOverrideRow]
        let hasPending: Bool
        let canPropose: Bool
        let canApprove: Bool
        let maxDays: Int
        /// The new request's id, a decision's outcome, or why it was refused.
        let message: String?
        let pager: Pager
    }

    /// One pending proposal; `mine` hides the decision form from its proposer (four eyes).
    struct PendingOverrideRow: Sendable {
        let id: String
        let person: String
        let colour: String
        let colourName: String
        let basis: String
        let until: String
        let proposer: String
        let mine: Bool
    }
}
