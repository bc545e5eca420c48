import Domain
import Foundation
import Hummingbird

/// 求助、反映 on pages: the form (signed in, or with a phone and SMS code), the sender's follow-up
/// page by the link shown once, and the grid's page to read and answer a request.
struct HelpPagesController {
    let help: HelpRequestService
    let store: any PlaceRepository & ResidentRepository
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("help") { request, context in
            var page = try await blank(request, context)
            page.compound = try await residentCompound(context.identity) ?? ""
            return pages.render("help", page, request: request, context: context)
        }
        router.post("help/code") { request, context in
            let form = try await request.decode(as: HelpForm.self, context: context)
            let lang = Language.of(request)
            var page = try await blank(request, context, form)
            let step = try await PhoneCodeStep.run(lang, pages: pages) { try await help.requestCode(phone: form.phone ?? "", client: context.clientAddress) }
            (page.notice, page.problem) = (step.notice, step.problem)
            return pages.render("help", page, request: request, context: context, status: step.status)
        }
        router.post("help") { request, context in
            let form = try await request.decode(as: HelpForm.self, context: context)
            let lang = Language.of(request)
            var page = try await blank(request, context, form)
            let principal = context.identity.flatMap { p -> Principal? in if case .resident = p.subject { p } else { nil } }
            do {
                let sent = try await help.send(
                    .init(kind: form.kind, category: form.category, text: form.text ?? "", compound: form.compound ?? "", address: form.address ?? ""),
                    as: principal, phone: form.phone, code: form.code, client: context.clientAddress)
                return pages.render("help-sent", HelpSentPage(id: sent.request.id, follow: "/help/follow/\(sent.followSecret)"), request: request, context: context)
            } catch let problem as HelpRequestService.Problem {
                page.problem = Strings.text("help.field.\(problem.field)", lang) + (lang == .zh ? "：" : ": ") + (lang == .zh ? Strings.text("help.problem.\(problem.field)", lang) : problem.reason)
            } catch AccountService.SignInError.throttled(let until) {
                page.problem = Strings.text("help.problem.limit", lang, pages.time(until))
                return pages.render("help", page, request: request, context: context, status: .tooManyRequests)
            } catch is AccountService.SignInError {
                page.problem = Strings.text("apply.problem.code", lang)
            }
            return pages.render("help", page, request: request, context: context, status: .badRequest)
        }
        router.get("help/follow/:secret") { request, context in
            guard let r = try await help.follow(try context.parameters.require("secret")) else { throw HTTPError(.notFound) }
            return pages.render("help-follow", try await view(r, Language.of(request)), request: request, context: context)
        }
        router.get("help/requests/:id") { request, context in
            let principal = try context.requirePrincipal(may: .workTasks)
            let r = try await help.request(try context.parameters.require("id"), as: principal)
            var page = try await view(r, Language.of(request))
            page.canAnswer = r.state == .open
            page.problem = request.uri.queryParameters.get("problem")
            page.message = request.uri.queryParameters.get("message")
            return pages.render("help-follow", page, request: request, context: context)
        }
        router.post("help/requests/:id/answer") { request, context in
            let principal = try context.requirePrincipal(may: .workTasks)
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: AnswerForm.self, context: context)
            let lang = Language.of(request)
            do {
                guard try await help.answer(id, text: form.answer, as: principal) else { throw HTTPError(.conflict, message: Strings.text("help.alreadyAnswered", lang)) }
            } catch let problem as HelpRequestService.Problem {
                return SitePath.refused("/help/requests/\(id)", typed: [], problem: Strings.text("help.field.answer", lang) + ": " + problem.reason)
            }
            return redirect("/help/requests/\(id)", message: Strings.text("help.answered", lang))
        }
    }

    private func view(_ r: HelpRequest, _ lang: Language) async throws -> HelpFollowPage {
        HelpFollowPage(
            id: r.id, kind: Strings.text("help.kind.\(r.kind.rawValue)", lang), category: Strings.text("help.category.\(r.category.rawValue)", lang),
            text: r.text, compound: try await store.place(id: r.compoundID)?.name ?? r.compoundID, address: r.address,
            sent: pages.time(r.createdAt), sender: r.senderPhoneMasked, state: Strings.text("help.state.\(r.state.rawValue)", lang), answer: r.answer,
            answeredAt: r.answeredAt.map { pages.time($0) })
    }

    private func residentCompound(_ principal: Principal?) async throws -> String? {
        guard let principal, case .resident(let id) = principal.subject, let me = try await store.resident(id: id), let c = me.compoundID else { return nil }
        return try await store.place(id: c)?.name
    }

    private func blank(_ request: Request, _ context: CordonRequestContext, _ form: HelpForm? = nil) async throws -> HelpPage {
        let lang = Language.of(request)
        let signedIn = context.identity.map { if case .resident = $0.subject { true } else { false } } ?? false
        let kind = form?.kind ?? "help"
        return HelpPage(
            signedIn: signedIn, phone: form?.phone ?? "",
            kinds: HelpRequest.Kind.allCases.map { RoleOption(value: $0.rawValue, label: Strings.text("help.kind.\($0.rawValue)", lang), selected: $0.rawValue == kind) },
            categories: HelpRequest.Category.allCases.map {
                RoleOption(value: $0.rawValue, label: Strings.text("help.category.\($0.rawValue)", lang), selected: $0.rawValue == form?.category)
            },
            text: form?.text ?? "", compound: form?.compound ?? "", address: form?.address ?? "")
    }

    struct HelpForm: Decodable {
        var kind: String
        var category: String
        var text: String?
        var compound: String?
        var address: String?
        var phone: String?
        var code: String?
    }

    struct AnswerForm: Decodable {
        var answer: String
    }
}

struct HelpPage: PageModel {
    let signedIn: Bool
    let phone: String
    let kinds: [RoleOption]
    let categories: [RoleOption]
    let text: String
    var compound: String
    let address: String
    var notice: String? = nil
    var problem: String? = nil
}

struct HelpSentPage: PageModel {
    let id: String
    let follow: String
}

struct HelpFollowPage: PageModel {
    let id: String
    let kind: String
    let category: String
    let text: String
    let compound: String
    let address: String?
    let sent: String
    let sender: String?
    let state: String
    let answer: String?
    let answeredAt: String?
    var canAnswer = false
    var problem: String? = nil
    var message: String? = nil
}
