import Domain
import Foundation
import Hummingbird

/// `/directives`: directives sent to one's area (acknowledge), missing acknowledgements escalated
/// to one's area, directives sent from it with their progress, and the form to send one;
/// `/directives/ID`: the text and, for the sender's side, who has and has not acknowledged.
struct DirectivePagesController {
    let directives: DirectiveService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("directives") { request, context in
            let principal = try context.requirePrincipal(may: .acknowledgeDirectives)
            return try await listPage(principal, request: request, context: context, typed: nil, problem: nil)
        }
        router.post("directives") { request, context in
            let principal = try context.requirePrincipal(may: .sendDirectives)
            let form = try await request.decode(as: SendForm.self, context: context)
            let draft = DirectiveDraft(text: form.text ?? "", deadline: form.deadline ?? "", downTo: form.downTo ?? "", gridTasks: form.gridTasks != nil)
            do {
                let sent = try await directives.send(draft, as: principal)
                return Response(status: .seeOther, headers: [.location: "/directives/\(sent.directive.id)?sent=\(sent.recipients)"])
            } catch let problem as DirectiveDraft.Problem {
                // Nothing stored: the form comes back with what was typed and the field named.
                return try await listPage(
                    principal, request: request, context: context, typed: draft, problem: DirectiveWords.problem(problem, Language.of(request)), status: .badRequest)
            }
        }
        router.get("directives/:id") { request, context in
            let principal = try context.requirePrincipal(may: .acknowledgeDirectives)
            let id = try context.parameters.require("id")
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            let pendingOnly = q.get("pending") != nil
            let found = try await directives.detail(id, pendingOnly: pendingOnly, as: principal, page: Pager.request(q))
            let now = directives.clock.now()
            let rows = found.recipients?.items.map { RecipientRow($0, lang, time: pages.time, now: now) } ?? []
            var message: String?
            if let sent = q.get("sent") { message = Strings.text("directives_sentTo", lang, sent) }
            if q.get("acknowledged") != nil { message = Strings.text("directives_acknowledgedNote", lang) }
            let page = DirectivePage(
                directive: DirectiveCard(found.directive, lang, time: pages.time), message: message, showRecipients: found.recipients != nil,
                summary: found.recipients.map { Strings.text("directives_recipientsSummary", lang, "\($0.total)") } ?? "",
                rows: rows, hasRows: !rows.isEmpty, pendingOnly: pendingOnly,
                pager: found.recipients.map { Pager($0, path: "/directives/\(id)", query: q, lang: lang) })
            return pages.render("directive", page, request: request, context: context)
        }
        router.post("directives/:id/acknowledge") { request, context in
            let principal = try context.requirePrincipal(may: .acknowledgeDirectives)
            let id = try context.parameters.require("id")
            try await directives.acknowledge(id, as: principal)
            return Response(status: .seeOther, headers: [.location: "/directives/\(id)?acknowledged=1"])
        }
    }

    private func listPage(
        _ principal: Principal, request: Request, context: CordonRequestContext, typed: DirectiveDraft?, problem: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let overview = try await directives.overview(as: principal, page: Pager.request(q))
        let now = directives.clock.now()
        let mayAcknowledge = principal.jurisdictionID != nil
        let received = overview.received.items.map { r in
            ReceivedRow(
                directive: DirectiveCard(r.directive, lang, time: pages.time), acknowledged: r.recipient.acknowledgedAt.map { pages.time($0) },
                overdue: r.recipient.isOverdue(at: now), mayAcknowledge: mayAcknowledge && r.recipient.acknowledgedAt == nil)
        }
        let overdue = overview.overdueBelow.items.map { RecipientRow($0, lang, time: pages.time, now: now) }
        let sent = overview.sent.items.map { p in
            SentRow(
                directive: DirectiveCard(p.directive, lang, time: pages.time),
                progress: Strings.text("directives_progress", lang, "\(p.acknowledged)", "\(p.recipients)"), overdue: p.overdue, hasOverdue: p.overdue > 0)
        }
        let mayOwn = AccessPolicy.may(principal, .sendDirectives)
        let levels = AreaLevel.allCases.filter { $0 > overview.level }.map { level in
            LevelOption(value: level.rawValue, label: Strings.text("level.\(level.rawValue)", lang), selected: level.rawValue == (typed?.downTo ?? AreaLevel.community.rawValue))
        }
        let page = DirectivesPage(
            received: received, hasReceived: !received.isEmpty, overdue: overdue, hasOverdue: !overdue.isEmpty, sent: sent, hasSent: !sent.isEmpty,
            pager: mayOwn ? Pager(overview.sent, path: "/directives", query: q, lang: lang) : nil,
            maySend: mayOwn && !levels.isEmpty, levels: levels, typedText: typed?.text ?? "", typedDeadline: typed?.deadline ?? "",
            typedGridTasks: typed?.gridTasks ?? false, problem: problem)
        return pages.render("directives", page, request: request, context: context, status: status)
    }

    struct SendForm: Decodable {
        var text: String?
        var deadline: String?
        var downTo: String?
        var gridTasks: String?
    }
}
