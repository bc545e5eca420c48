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
                let typed = ["fact": form.fact, "reason": form.reason]
                return Response(
                    status: .seeOther,
                    headers: [.location: TypedHomeForm.location(.appeal, person: form.person, problem: problem.message(Language.of(request)), values: typed)])
            }
        }
        router.get("appeals") { request, context in
            let principal = try context.requirePrincipal(may: .reviewAppeals)
            let lang = Language.of(request)
            let now = clock.now()
            let q = request.uri.queryParameters
            let found = try await appeals.open(as: principal, page: Pager.request(q))
            // The contested fact in words: an exposure names its case (masked); other facts their kind.
            let cases = found.items.compactMap { $0.factKind == "exposure" ? $0.factID : nil }
            let names = try await directory.names(found.items.map(\.person) + cases, as: principal, listing: "appeals")
            let rows = found.items.map { a in
                AppealRow(
                    id: a.id, person: a.person, name: names[a.person] ?? a.person, fact: Strings.text("fact.\(a.factKind)", lang) + (a.factKind == "exposure" ? " " + (a.factID.map { names[$0] ?? "" } ?? "") : ""), reason: a.reason,
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
                let decided = try await appeals.decide(id, uphold: form.verdict == "uphold", decision: form.decision, as: principal)
                let lang = Language.of(request)
                return redirect("/appeals", message: Strings.text("appealDecided", lang, Strings.text(form.verdict == "uphold" ? "uphold" : "dismiss", lang) + " · " + decided.id))
            } catch let problem as AppealService.Problem {
                return redirect("/appeals", message: problem.message(Language.of(request)))
            }
        }

        router.get("overrides") { request, context in
            let principal = try context.requirePrincipal()
            let q = request.uri.queryParameters
            let lang = Language.of(request)
            let found = try await overrides.pending(as: principal, page: Pager.request(q))
            let names = try await directory.names(found.items.map(\.person), as: principal, listing: "override requests")
            let pending = found.items.map { r in
                PendingOverrideRow(
                    id: r.id, person: r.person, name: names[r.person] ?? r.person, colour: r.colour.rawValue,
                    colourName: Strings.text("colour.\(r.colour.rawValue)", lang), basis: r.legalBasis, until: pages.time(r.until), proposer: r.proposer,
                    mine: r.proposer == principal.auditName)
            }
            // A proposal starts from a resident's page (`?person=`) or comes back refused, as typed.
            let person = q.get("person").map { String($0) } ?? ""
            var personName: String?
            if !person.isEmpty, AccessPolicy.may(principal, .proposeOverrides) {
                personName = try await directory.names([person], as: principal, listing: "override proposal")[person]
            }
            let colour = q.get("colour").map { String($0) } ?? "yellow"
            let page = OverridesPage(
                pending: pending, hasPending: !pending.isEmpty, canPropose: AccessPolicy.may(principal, .proposeOverrides),
                canApprove: AccessPolicy.may(principal, .decideOverrides), maxDays: profiles.profile.colours.overrideMaxDays,
                message: q.get("message"), problem: q.get("problem"),
                form: ProposalForm(
                    person: person, personName: personName, legalBasis: q.get("legalBasis") ?? "", until: q.get("until") ?? "",
                    colours: HealthColour.allCases.map { ColourChoice(value: $0.rawValue, name: Strings.text("colour.\($0.rawValue)", lang), selected: $0.rawValue == colour) }),
                pager: Pager(found, path: "/overrides", query: q, lang: lang))
            return pages.render("overrides", page, request: request, context: context)
        }
        router.post("overrides") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: OverrideForm.self, context: context)
            let lang = Language.of(request)
            try await directory.authorize(principal, .proposeOverrides, kind: "person", id: form.person)  // audited refusal
            // Nothing is stored from a refused proposal: the form comes back as typed, with why.
            let refused = { (problem: String) in
                SitePath.refused(
                    "/overrides", typed: [("person", form.person), ("colour", form.colour), ("legalBasis", form.legalBasis), ("until", form.until)], problem: problem,
                    fragment: "propose")
            }
            guard let colour = HealthColour(rawValue: form.colour), let until = localTime.date(fromInput: form.until) else {
                return refused(Strings.text("overrideProblem.fields", lang))
            }
            do {
                let r = try await overrides.propose(person: form.person, colour: colour, legalBasis: form.legalBasis, until: until, as: principal)
                let name = try await directory.names([r.person], as: principal, listing: "override proposal")[r.person] ?? r.person
                return redirect("/overrides", message: Strings.text("overrideProposed", lang, name, Strings.text("colour.\(colour.rawValue)", lang)))
            } catch let refusal as OverridePolicy.Refusal {
                return refused(refusal.message(lang, maxDays: profiles.profile.colours.overrideMaxDays))
            } catch StoreError.notFound {
                return refused(Strings.text("overrideProblem.person", lang, form.person))
            } catch let denial as AccessPolicy.Denial {
                return refused(Strings.denial(denial, lang))
            }
        }
        router.post("overrides/:id/decision") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            try await directory.authorize(principal, .decideOverrides, kind: "override request", id: try context.parameters.require("id"))
            let form = try await request.decode(as: DecisionForm.self, context: context)
            guard form.verdict == "approve" || form.verdict == "reject" else { return redirect("/overrides", message: Strings.text("overrideProblem.verdict", lang)) }
            do {
                let r = try await overrides.decide(
                    try context.parameters.require("id"), approve: form.verdict == "approve", note: form.decision, as: principal)
                let name = try await directory.names([r.person], as: principal, listing: "override decision")[r.person] ?? r.person
                let key = r.state == .approved ? "overrideApproved" : "overrideRejected"
                return redirect("/overrides", message: Strings.text(key, lang, name, Strings.text("colour.\(r.colour.rawValue)", lang)))
            } catch let refusal as OverridePolicy.Refusal {
                return redirect("/overrides", message: refusal.message(lang, maxDays: profiles.profile.colours.overrideMaxDays))
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
        let name: String
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
        /// What the last proposal or decision did, or why a decision was refused.
        let message: String?
        /// Why the proposal was refused, shown at the form.
        let problem: String?
        let form: ProposalForm
        let pager: Pager
    }

    /// The proposal form: the person it was opened for, or what was typed when it was refused.
    struct ProposalForm: Sendable {
        let person: String
        /// The person's masked name when the reader may read them.
        let personName: String?
        let legalBasis: String
        let until: String
        let colours: [ColourChoice]
    }

    struct ColourChoice: Sendable {
        let value: String
        let name: String
        let selected: Bool
    }

    /// One pending proposal; `mine` hides the decision form from its proposer (four eyes).
    struct PendingOverrideRow: Sendable {
        let id: String
        let person: String
        let name: String
        let colour: String
        let colourName: String
        let basis: String
        let until: String
        let proposer: String
        let mine: Bool
    }
}
