import Domain
import Foundation
import Hummingbird

/// For staff: epidemiologists review and approve case disclosures; the command centre publishes
/// notices and rumour rebuttals. Every publication is audited and clears the public cache.
struct PublishingPagesController {
    let store: any PublicInformationRepository
    let clock: WallClock
    let publicCache: PublicCache
    let disclosures: DisclosureService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("disclosures") { request, context in
            let principal = try context.requirePrincipal(may: .approveDisclosures)
            let (drafts, rejected, approved) = try await disclosures.drafts(as: principal, limit: 500)
            let page = DisclosuresPage.make(
                drafts: drafts, rejected: rejected, approved: approved, query: request.uri.queryParameters, lang: Language.of(request), time: pages.time)
            return pages.render("disclosures", page, request: request, context: context)
        }
        router.post("disclosures/draft") { _, context in
            let principal = try context.requirePrincipal(may: .approveDisclosures)
            // Drafts for the cases of the approver's own jurisdiction only.
            if let root = principal.jurisdiction { try await disclosures.draftNew(within: root) }
            return redirect("/disclosures")
        }
        router.post("disclosures/:id/approve") { _, context in
            let principal = try context.requirePrincipal()  // the service checks and audits a refusal
            let id = try context.parameters.require("id")
            guard try await disclosures.approve(id, as: principal) else {
                // Known but no longer a draft (approved, rejected or withdrawn meanwhile): say so.
                if try await store.disclosure(id: id) != nil { return redirect(DisclosuresPage.refusal(.notADraft(.approved), draft: id)) }
                throw StoreError.notFound(kind: "disclosure draft", id: id)
            }
            return redirect("/disclosures?done=approved")
        }
        router.post("disclosures/:id/edit") { request, context in
            let principal = try context.requirePrincipal()  // the service checks and audits a refusal
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: DisclosureEditForm.self, context: context)
            let kept = Set((form.keep ?? []).compactMap { Int($0) })
            do {
                _ = try await disclosures.edit(id, DisclosureEdit(compound: form.compound ?? "", keptStops: kept), as: principal)
            } catch let problem as DisclosureReviewProblem {
                return redirect(DisclosuresPage.refusal(problem, draft: id, typed: ["compound": form.compound ?? ""]))
            }
            return redirect("/disclosures?done=edited#draft-\(id)")
        }
        router.post("disclosures/:id/reject") { request, context in
            let principal = try context.requirePrincipal()  // the service checks and audits a refusal
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: DisclosureRejectForm.self, context: context)
            do {
                _ = try await disclosures.reject(id, DisclosureRejection(reason: form.reason ?? ""), as: principal)
            } catch let problem as DisclosureReviewProblem {
                return redirect(DisclosuresPage.refusal(problem, draft: id, typed: ["reason": form.reason ?? ""]))
            }
            return redirect("/disclosures?done=rejected")
        }
        router.get("publish") { request, context in
            _ = try context.requirePrincipal(may: .publish)
            let page = PublishPage(message: request.uri.queryParameters.get("message"), problem: nil, form: .blank(Language.of(request)))
            return pages.render("publish", page, request: request, context: context)
        }
        router.post("publish") { request, context in
            let principal = try context.requirePrincipal(may: .publish)
            let form = try await request.decode(as: PostForm.self, context: context)
            let draft = PostDraft(
                kind: form.kind, titleZh: form.titleZh, titleEn: form.titleEn ?? "", bodyZh: form.bodyZh, bodyEn: form.bodyEn ?? "", verdict: form.verdict,
                sources: form.sources ?? "")
            let post: PublicPost
            do {
                post = try draft.post(id: "P-" + UUID().uuidString.lowercased().prefix(8), at: clock.now(), author: principal.auditName)
            } catch let problem as PostDraft.Problem {
                // A notice can be long: the refused form is answered here, as typed (nothing stored), not through a redirect URL.
                let lang = Language.of(request)
                let page = PublishPage(message: nil, problem: problem.message(lang), form: PublishForm(form, lang))
                return pages.render("publish", page, request: request, context: context, status: .badRequest)
            }
            try await store.savePost(post, audit: clock.event(principal.auditName, .publish(post.kind.rawValue), kind: "post", id: post.id, detail: post.title.zh))
            publicCache.clear()
            return redirect("/publish", message: Strings.text("posted", Language.of(request)))
        }
    }

    struct DisclosureEditForm: Decodable {
        var compound: String?
        /// The positions of the stops to keep (checkboxes named `keep`).
        var keep: [String]?
    }

    struct DisclosureRejectForm: Decodable {
        var reason: String?
    }

    struct PostForm: Decodable {
        var kind: String
        var titleZh: String
        var titleEn: String?
        var bodyZh: String
        var bodyEn: String?
        var verdict: String?
        var sources: String?
    }
}

/// `publish`: the form for a notice or rebuttal.
struct PublishPage: PageModel {
    /// The outcome of the last post, from the redirect.
    let message: String?
    /// Why the post was refused, shown above the form.
    let problem: String?
    let form: PublishForm
}

/// The publish form's values: empty, or as typed when refused.
struct PublishForm: Sendable {
    struct Choice: Sendable {
        let value: String
        let name: String
        let selected: Bool
    }

    let kinds: [Choice]
    let verdicts: [Choice]
    let titleZh, titleEn, bodyZh, bodyEn, sources: String

    static func blank(_ lang: Language) -> PublishForm {
        PublishForm(PublishingPagesController.PostForm(kind: "notice", titleZh: "", bodyZh: ""), lang)
    }

    init(_ form: PublishingPagesController.PostForm, _ lang: Language) {
        kinds = ["notice", "rebuttal"].map { Choice(value: $0, name: Strings.text($0, lang), selected: $0 == form.kind) }
        verdicts = [Choice(value: "", name: "—", selected: (form.verdict ?? "").isEmpty)]
            + ["false", "misleading", "true"].map { Choice(value: $0, name: Strings.text("verdict.\($0)", lang), selected: $0 == form.verdict) }
        (titleZh, titleEn, bodyZh, bodyEn, sources) = (form.titleZh, form.titleEn ?? "", form.bodyZh, form.bodyEn ?? "", form.sources ?? "")
    }
}
