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
            let lang = Language.of(request)
            let (found, approved) = try await disclosures.drafts(as: principal, limit: 500)
            let drafts = found.map { d in
                var row = PublicCaseRow(d.published, lang, time: pages.time)
                row.id = d.id
                return row
            }
            let page = DisclosuresPage(
                drafts: drafts, hasDrafts: !drafts.isEmpty, approvedCount: approved, message: request.uri.queryParameters.get("message"))
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
            guard try await disclosures.approve(id, as: principal) else { throw StoreError.notFound(kind: "disclosure draft", id: id) }
            return redirect("/disclosures")
        }
        router.get("publish") { request, context in
            _ = try context.requirePrincipal(may: .publish)
            return pages.render("publish", PublishPage(message: request.uri.queryParameters.get("message")), request: request, context: context)
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
                return redirect("/publish", message: problem.description)
            }
            try await store.savePost(post, audit: clock.event(principal.auditName, .publish(post.kind.rawValue), kind: "post", id: post.id, detail: post.title.zh))
            publicCache.clear()
            return redirect("/publish", message: Strings.text("posted", Language.of(request)))
        }
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

/// `disclosures`: the drafts awaiting the epidemiologist's approval (each a case as the public
/// would read it, with the draft's id), and how many are approved.
struct DisclosuresPage: PageModel {
    let drafts: [PublicCaseRow]
    let hasDrafts: Bool
    let approvedCount: Int
    /// The outcome of the last action, from the redirect.
    let message: String?
}

/// `publish`: the form for a notice or rebuttal.
struct PublishPage: PageModel {
    /// The outcome of the last post, from the redirect.
    let message: String?
}
