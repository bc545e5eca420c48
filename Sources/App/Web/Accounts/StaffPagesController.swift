import Domain
import Foundation
import Hummingbird

/// Staff administration for officers (their areas below) and administrators: the list, a new
/// account, changes, disabling, password resets, bulk import, and (administrators) API tokens.
/// One-time passwords and token secrets are shown once, on the answer to the POST that made them.
struct StaffPagesController {
    let store: any AreaRepository
    let staff: StaffAdministration
    let clock: WallClock
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("staff", use: list)
        router.post("staff", use: create)
        router.post("staff/import", use: importStaff)
        router.get("staff/:username", use: account)
        router.post("staff/:username", use: update)
        router.post("staff/:username/disable") { try await setDisabled($0, $1, true) }
        router.post("staff/:username/enable") { try await setDisabled($0, $1, false) }
        router.post("staff/:username/reset-password", use: resetPassword)
        router.post("staff/:username/tokens", use: createToken)
        router.post("staff/:username/tokens/:hash/revoke", use: revokeToken)
    }

    @Sendable func list(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .manageStaff)
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let matching = q.get("q").map { $0.trimmingCharacters(in: .whitespaces) }
        let list = try await staff.list(as: principal, matching: matching, page: Pager.request(q))
        var rows: [StaffRow] = []
        for account in list.items {
            var r = try await row(account, lang)
            r.manageable = try await staff.mayManage(account, as: principal)
            rows.append(r)
        }
        let typed = StaffForm(
            username: q.get("username") ?? "", displayName: q.get("displayName") ?? "", role: q.get("role") ?? "", area: q.get("area") ?? "",
            phone: q.get("phone"))
        let page = StaffListPage(
            accounts: rows, empty: rows.isEmpty, pager: Pager(list, path: "/staff", query: q, lang: lang), query: matching ?? "",
            roles: roleOptions(for: principal, selected: typed.role, lang), typed: typed, problem: q.get("problem"), message: q.get("message"),
            assignable: Strings.text(
                "staff.assignable", lang, StaffRules.assignableRoles(for: principal).map { Strings.text("role.\($0.rawValue)", lang) }.joined(separator: lang == .zh ? "、" : ", ")))
        return pages.render("staff", page, request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .manageStaff)
        let form = try await request.decode(as: StaffForm.self, context: context)
        let lang = Language.of(request)
        do {
            let issued = try await staff.create(form.draft, as: principal)
            return issuedPage(
                IssuedPage(
                    title: Strings.text("staff.issuedTitle", lang), note: Strings.text("staff.issuedNote", lang), who: issued.account.displayName,
                    username: issued.account.username, secret: issued.password, back: "/staff/\(issued.account.username)"), request, context)
        } catch let problem as StaffProblem {
            return SitePath.refused("/staff", typed: form.typed, problem: Strings.staffProblem(problem, lang), fragment: "new-account")
        }
    }

    @Sendable func importStaff(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .manageStaff)
        let form = try await request.decode(as: ImportForm.self, context: context)
        let lang = Language.of(request)
        let report: StaffAdministration.StaffImportReport
        do {
            report = try await staff.importStaff(Array(form.csv.utf8), as: principal)
        } catch let failure as StaffImportFailure {
            return SitePath.refused("/staff", typed: [], problem: failure.reason, fragment: "import")
        }
        let page = StaffImportPage(
            summary: Strings.text("staff.imported", lang, "\(report.created.count)", "\(report.updated.count)", "\(report.unchanged)", "\(report.problems.count)"),
            created: report.created.map { IssuedRow(username: $0.account.username, name: $0.account.displayName, secret: $0.password) },
            hasCreated: !report.created.isEmpty, hasProblems: !report.problems.isEmpty,
            problems: report.problems.map { p in
                ProblemRow(line: Strings.text("staff.line", lang, "\(p.line)"), field: p.field ?? "", reason: p.reason)
            })
        return pages.render("staff-import", page, request: request, context: context)
    }

    @Sendable func account(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .manageStaff)
        let username = try context.parameters.require("username")
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let account = try await staff.managed(username, as: principal)
        var tokens: [TokenRow] = []
        let mayTokens = AccessPolicy.may(principal, .administer)
        if mayTokens {
            let now = clock.now()
            tokens = try await staff.tokens(username: username, as: principal).1.map { t in
                let state = t.revoked ? Strings.text("tokens.revoked", lang) : (t.isActive(at: now) ? nil : Strings.text("tokens.expired", lang))
                return TokenRow(
                    label: t.label, hash: t.tokenHash.map { String(format: "%02x", $0) }.joined(), scopes: t.scopes?.sorted().joined(separator: ", ") ?? "—",
                    created: pages.time(t.createdAt), lastUsed: t.lastUsedAt.map { pages.time($0) } ?? Strings.text("tokens.never", lang),
                    expires: t.expiresAt.map { pages.time($0) }, state: state, active: state == nil)
            }
        }
        let refusedEdit = q.get("form") == "edit"
        let typed =
            refusedEdit
            ? StaffForm(
                username: username, displayName: q.get("displayName") ?? "", role: q.get("role") ?? "", area: q.get("area") ?? "", phone: q.get("phone"))
            : StaffForm(
                username: username, displayName: account.displayName, role: account.role.rawValue, area: account.jurisdictionID, phone: account.workPhone)
        let page = StaffAccountPage(
            account: try await row(account, lang), typed: typed, roles: roleOptions(for: principal, selected: typed.role, lang),
            problem: refusedEdit ? q.get("problem") : nil, actionProblem: q.get("form") == "action" ? q.get("problem") : nil,
            tokenProblem: q.get("form") == "token" ? q.get("problem") : nil, message: q.get("message"),
            mayTokens: mayTokens, tokens: tokens, noTokens: tokens.isEmpty, tokenLabel: q.get("label") ?? "", tokenScopes: q.get("scopes") ?? "",
            tokenDays: q.get("expiresInDays") ?? "")
        return pages.render("staff-account", page, request: request, context: context)
    }

    @Sendable func update(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .manageStaff)
        let username = try context.parameters.require("username")
        var form = try await request.decode(as: StaffForm.self, context: context)
        form.username = username
        let lang = Language.of(request)
        do {
            try await staff.update(username: username, to: form.draft, as: principal)
            return redirect("/staff/\(username)", message: Strings.text("staff.saved", lang))
        } catch let problem as StaffProblem {
            return SitePath.refused("/staff/\(username)", typed: [("form", "edit")] + form.typed, problem: Strings.staffProblem(problem, lang), fragment: "edit")
        }
    }

    func setDisabled(_ request: Request, _ context: CordonRequestContext, _ disabled: Bool) async throws -> Response {
        let principal = try context.requirePrincipal(may: .manageStaff)
        let username = try context.parameters.require("username")
        let lang = Language.of(request)
        do {
            try await staff.setDisabled(username: username, disabled, as: principal)
            return redirect("/staff/\(username)", message: Strings.text(disabled ? "staff.disabledNow" : "staff.enabledNow", lang))
        } catch let problem as StaffProblem {
            return SitePath.refused("/staff/\(username)", typed: [("form", "action")], problem: Strings.staffProblem(problem, lang), fragment: "actions")
        }
    }

    @Sendable func resetPassword(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .manageStaff)
        let username = try context.parameters.require("username")
        let lang = Language.of(request)
        do {
            let password = try await staff.resetPassword(username: username, as: principal)
            let account = try await staff.managed(username, as: principal)
            return issuedPage(
                IssuedPage(
                    title: Strings.text("staff.issuedTitle", lang), note: Strings.text("staff.issuedNote", lang), who: account.displayName,
                    username: username, secret: password, back: "/staff/\(username)"), request, context)
        } catch let problem as StaffProblem {
            return SitePath.refused("/staff/\(username)", typed: [("form", "action")], problem: Strings.staffProblem(problem, lang), fragment: "actions")
        }
    }

    @Sendable func createToken(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .administer)
        let username = try context.parameters.require("username")
        let form = try await request.decode(as: TokenForm.self, context: context)
        let lang = Language.of(request)
        let typed = [("form", "token"), ("label", form.label), ("scopes", form.scopes ?? ""), ("expiresInDays", form.expiresInDays ?? "")]
        do {
            let days = try form.expiresInDays.flatMap { text -> Int? in
                let t = text.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { return nil }
                guard let n = Int(t) else { throw StaffProblem.badExpiry(t) }
                return n
            }
            let issued = try await staff.createToken(
                username: username, label: form.label, scopes: [form.scopes ?? ""], areaID: nil, expiresInDays: days, as: principal)
            return issuedPage(
                IssuedPage(
                    title: Strings.text("tokens.issuedTitle", lang), note: Strings.text("tokens.issuedNote", lang), who: issued.token.label,
                    username: username, secret: issued.secret, back: "/staff/\(username)#tokens"), request, context)
        } catch let problem as StaffProblem {
            return SitePath.refused("/staff/\(username)", typed: typed, problem: Strings.staffProblem(problem, lang), fragment: "tokens")
        }
    }

    @Sendable func revokeToken(_ request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal(may: .administer)
        let username = try context.parameters.require("username")
        let hash = try context.parameters.require("hash")
        let lang = Language.of(request)
        do {
            try await staff.revokeToken(username: username, hashHex: hash, as: principal)
            return redirect("/staff/\(username)#tokens", message: Strings.text("tokens.revokedNow", lang))
        } catch let problem as StaffProblem {
            return SitePath.refused("/staff/\(username)", typed: [("form", "token")], problem: Strings.staffProblem(problem, lang), fragment: "tokens")
        }
    }

    private func issuedPage(_ page: IssuedPage, _ request: Request, _ context: CordonRequestContext) -> Response {
        // A secret on the page: never cached, never offered to the back button from a cache.
        pages.render("issued", page, request: request, context: context)
    }

    private func row(_ account: StaffAccount, _ lang: Language) async throws -> StaffRow {
        let area = try await store.area(id: account.jurisdictionID)
        let state =
            account.disabled ? Strings.text("staff.disabled", lang) : account.mustChangePassword ? Strings.text("staff.oneTime", lang) : Strings.text("staff.active", lang)
        return StaffRow(
            username: account.username, name: account.displayName, role: Strings.text("role.\(account.role.rawValue)", lang),
            area: area?.name(in: lang) ?? account.jurisdictionID, areaCode: account.jurisdictionID,
            phone: account.workPhone, state: state, disabled: account.disabled)
    }

    private func roleOptions(for principal: Principal, selected: String, _ lang: Language) -> [RoleOption] {
        StaffRules.assignableRoles(for: principal).map { RoleOption(value: $0.rawValue, label: Strings.text("role.\($0.rawValue)", lang), selected: $0.rawValue == selected) }
    }

    struct ImportForm: Decodable {
        var csv: String
    }

    struct TokenForm: Decodable {
        var label: String
        var scopes: String?
        var expiresInDays: String?
    }
}

/// The account form as typed (kept when refused).
struct StaffForm: Decodable, Sendable {
    /// Absent on an account's own form: the path names it.
    var username: String?
    var displayName: String
    var role: String
    var area: String
    var phone: String?

    var draft: StaffAdministration.StaffDraft {
        StaffAdministration.StaffDraft(
            username: (username ?? "").trimmingCharacters(in: .whitespaces), displayName: displayName, role: role, area: area, phone: phone)
    }

    var typed: [(String, String)] {
        [("username", username ?? ""), ("displayName", displayName), ("role", role), ("area", area), ("phone", phone ?? "")]
    }
}
