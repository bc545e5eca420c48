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
            var values = try base()
            if let saved = request.uri.queryParameters.get("saved") { values["saved"] = saved }
            return pages.render("profile", values, request: request, context: context)
        }
        router.post("profile") { request, context in
            let principal = try context.requirePrincipal(may: .editProfile)
            let form = try await request.decode(as: ProfileForm.self, context: context)
            var values = try base()
            values["text"] = form.text
            switch profiles.review(form.text) {
            case .failure(let error):
                if case .invalid(let problems) = error { values["problems"] = problems.map { ["text": $0] } }
                values["hasProblems"] = true
                return pages.render("profile", values, request: request, context: context, status: .badRequest)
            case .success(let (proposed, changes)):
                guard form.confirm == "yes" else {
                    values["changes"] = changes.map { ["key": $0.key, "old": $0.old, "new": $0.new] }
                    values["hasChanges"] = !changes.isEmpty
                    values["noChanges"] = changes.isEmpty
                    values["confirming"] = true
                    return pages.render("profile", values, request: request, context: context)
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

    private func base() throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let profile = profiles.profile
        return ["version": profile.version, "text": String(decoding: try encoder.encode(profile), as: UTF8.self)]
    }

    struct ProfileForm: Decodable {
        var text: String
        var confirm: String?
    }
}
