import Domain
import Foundation
import Hummingbird

/// The audit log viewer: filter by person, account, action and days; export the selection as
/// CSV; verify the chain. For the command centre and administrators (`audit:read`).
struct AuditPagesController {
    let audit: AuditLogService
    let clock: WallClock
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("audit") { request, context in
            let principal = try context.requirePrincipal(may: .readAudit)
            return try await page(request, context, principal, verification: nil)
        }
        router.post("audit/verify") { request, context in
            let principal = try context.requirePrincipal(may: .readAudit)
            let result = try await audit.verify(as: principal)
            let lang = Language.of(request)
            let text: String
            switch result {
            case .intact(let n, let unkeyed): text = Strings.text("audit.intact", lang, "\(n)") + (unkeyed > 0 ? " " + Strings.text("audit.unkeyed", lang, "\(unkeyed)") : "")
            case .broken(let seq, let reason): text = Strings.text("audit.broken", lang, "\(seq)", reason)
            }
            return try await page(request, context, principal, verification: (text, !isIntact(result)))
        }
        router.get("audit.csv") { request, context in
            let principal = try context.requirePrincipal(may: .readAudit)
            let query: AuditLogService.Query
            do { query = try self.query(request) } catch { throw HTTPError(.badRequest, message: "from/to: a day as YYYY-MM-DD") }
            let entries: [AuditEntry]
            do { entries = try await audit.export(query, as: principal) } catch let unknown as AuditLogService.UnknownAccount {
                throw HTTPError(.badRequest, message: "account: no account \(unknown.username)")
            }
            var csv = "seq,at,actor,action,subjectKind,subjectID,detail,hash\r\n"
            for e in entries {
                let fields = [String(e.sequence), Timestamp.format(e.event.at), e.event.actor, e.event.action, e.event.subjectKind, e.event.subjectID, e.event.detail, e.hash]
                csv += fields.map(Self.csvCell).joined(separator: ",") + "\r\n"
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"cordon-audit.csv\"", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    private func isIntact(_ r: AuditVerification) -> Bool { if case .intact = r { true } else { false } }

    private func page(_ request: Request, _ context: CordonRequestContext, _ principal: Principal, verification: (String, Bool)?) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        var problem: String? = nil
        var query = AuditLogService.Query()
        do { query = try self.query(request) } catch { problem = Strings.text("audit.badDay", lang) }
        var rows: [AuditRow] = []
        var pager: Pager? = nil
        do {
            let list = try await audit.page(query, page: Pager.request(q), as: principal)
            let names = try await audit.actorNames(list.items)
            rows = list.items.map { e in
                AuditRow(
                    seq: String(e.sequence), at: pages.time(e.event.at), actor: names[e.event.actor] ?? e.event.actor, action: e.event.action,
                    subject: e.event.subjectKind.isEmpty ? e.event.subjectID : "\(e.event.subjectKind) \(e.event.subjectID)", detail: e.event.detail)
            }
            pager = Pager(list, path: "/audit", query: q, lang: lang)
        } catch let unknown as AuditLogService.UnknownAccount {
            problem = Strings.text("audit.noAccount", lang, unknown.username)
        }
        let csvLink = SitePath.link("/audit.csv", SitePath.carried(q, dropping: ["page", "message"]))
        let page = AuditPage(
            person: q.get("person") ?? "", account: q.get("account") ?? "", action: q.get("action") ?? "", from: q.get("from") ?? "", to: q.get("to") ?? "",
            rows: rows, empty: rows.isEmpty, pager: pager, csv: csvLink, problem: problem, verification: verification?.0, broken: verification?.1 ?? false)
        return pages.render("audit", page, request: request, context: context)
    }

    /// The typed filter; days are the city's calendar days (`to` includes its whole day).
    private func query(_ request: Request) throws -> AuditLogService.Query {
        let q = request.uri.queryParameters
        let local = LocalTime(offsetMinutes: pages.profiles.profile.colours.dayOffsetMinutes)
        func day(_ name: String) throws -> CalendarDate? {
            guard let text = q.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let d = CalendarDate(iso: text) else { throw HTTPError(.badRequest) }
            return d
        }
        let from = try day("from").map { local.startOfDay($0) }
        let to = try day("to").map { local.startOfDay($0).addingTimeInterval(86_400) }
        return AuditLogService.Query(person: q.get("person"), account: q.get("account"), action: q.get("action"), from: from, to: to)
    }

    /// A CSV cell (RFC 4180); a leading = + - @ is prefixed with ' so a spreadsheet does not run it.
    static func csvCell(_ text: String) -> String {
        var t = text
        if let first = t.first, "=+-@".contains(first) { t = "'" + t }
        guard t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

struct AuditPage: PageModel {
    let person: String
    let account: String
    let action: String
    let from: String
    let to: String
    let rows: [AuditRow]
    let empty: Bool
    let pager: Pager?
    let csv: String
    let problem: String?
    let verification: String?
    let broken: Bool
}

struct AuditRow: Sendable {
    let seq: String
    let at: String
    let actor: String
    let action: String
    let subject: String
    let detail: String
}
