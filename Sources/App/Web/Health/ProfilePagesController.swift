import Domain
import Foundation
import Hummingbird

/// The outbreak profile page: epidemiologists and the command centre edit the rules as JSON; the
/// page checks them, shows the diff, and saves only after a second, explicit confirmation. Each
/// saved version is kept and audited with its diff.
struct ProfilePagesController {
    let store: any AuditLogRepository
    let clock: WallClock
    let profiles: ProfileStore
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("profile") { request, context in
            _ = try context.requirePrincipal(may: .editProfile)
            var page = try base()
            page.saved = request.uri.queryParameters.get("saved")
            return pages.render("profile", page, request: request, context: context)
        }
        router.post("profile") { request, context in
            let principal = try context.requirePrincipal(may: .editProfile)
            let form = try await request.decode(as: ProfileForm.self, context: context)
            var page = try base()
            page.text = form.text
            switch profiles.review(form.text) {
            case .failure(let error):
                if case .invalid(let problems) = error { page.problems = problems.map { ProfileProblem(text: $0) } }
                page.hasProblems = true
                return pages.render("profile", page, request: request, context: context, status: .badRequest)
            case .success(let (proposed, changes)):
                guard form.confirm == "yes" else {
                    page.changes = changes.map { ProfileChangeRow(key: $0.key, old: $0.old, new: $0.new) }
                    page.hasChanges = !changes.isEmpty
                    page.noChanges = changes.isEmpty
                    page.confirming = true
                    return pages.render("profile", page, request: request, context: context)
                }
                let saved = try profiles.save(proposed)
                try await store.appendAudit(
                    clock.event(
                        principal.auditName, .profileUpdate, kind: "profile", id: "v\(saved.version)",
                        detail: changes.map { "\($0.key): \($0.old) → \($0.new)" }.joined(separator: "; ")))
                return Response(status: .seeOther, headers: [.location: "/profile?saved=v\(saved.version)"])
            }
        }
    }

    private func base() throws -> ProfilePage {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let profile = profiles.profile
        return ProfilePage(version: profile.version, text: String(decoding: try encoder.encode(profile), as: UTF8.self))
    }

    struct ProfileForm: Decodable {
        var text: String
        var confirm: String?
    }
}

/// The profile page: the current version, the JSON being edited (the saved profile, or what was
/// typed), its problems, or the changes awaiting confirmation.
struct ProfilePage: PageModel {
    let version: Int
    var text: String
    /// The version just saved (`v7`), after the redirect.
    var saved: String?
    var problems: [ProfileProblem]?
    var hasProblems = false
    var changes: [ProfileChangeRow]?
    var hasChanges = false
    var noChanges = false
    var confirming = false
}

struct ProfileProblem: Sendable {
    let text: String
}

/// A value that changes: its key path, before and after.
struct ProfileChangeRow: Sendable {
    let key: String
    let old: String
    let new: String
}
