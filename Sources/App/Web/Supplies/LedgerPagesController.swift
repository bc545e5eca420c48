import Domain
import Foundation
import Hummingbird

/// `/ledger`: the ledger office enters donations, allocations and corrections, and approves or
/// rejects what a colleague entered (never their own). Approved lines are public at once on
/// `/public/donations` and in `/open-data/donations.json`.
struct LedgerPagesController {
    let ledger: DonationLedgerService
    let store: any AreaRepository
    let clock: WallClock
    let profiles: ProfileStore
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("ledger") { request, context in
            let principal = try reader(context)
            return try await page(principal, request: request, context: context, message: request.uri.queryParameters.get("message").map { Strings.text($0, Language.of(request)) })
        }
        router.post("ledger") { request, context in
            let principal = try context.requirePrincipal(may: .enterLedger)
            let f = try await request.decode(as: [String: String].self, context: context)
            let form = LedgerForm(
                kind: f["kind"] ?? "", date: f["date"] ?? "", item: f["item"] ?? "", amount: f["amount"] ?? "", unit: f["unit"] ?? "", donor: f["donor"] ?? "",
                recipient: f["recipient"] ?? "", recipientArea: f["recipientArea"] ?? "", purpose: f["purpose"] ?? "", corrects: f["corrects"] ?? "", note: f["note"] ?? "")
            do {
                _ = try await ledger.enter(form, as: principal)
                return Response(status: .seeOther, headers: [.location: "/ledger?message=led_entered"])
            } catch {
                guard let words = Strings.supplyWords(error, Language.of(request)) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, typed: form, status: .badRequest)
            }
        }
        router.post("ledger/:id/approve") { request, context in
            let principal = try context.requirePrincipal(may: .approveLedger)
            let lang = Language.of(request)
            do {
                let entry = try await ledger.approve(try context.parameters.require("id"), as: principal)
                return try await page(principal, request: request, context: context, message: Strings.text("led_approved", lang, "\(entry.seq)"))
            } catch {
                guard let words = Strings.supplyWords(error, lang) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, status: .badRequest)
            }
        }
        router.post("ledger/:id/reject") { request, context in
            let principal = try context.requirePrincipal(may: .approveLedger)
            let f = try await request.decode(as: [String: String].self, context: context)
            do {
                try await ledger.reject(try context.parameters.require("id"), reason: f["reason"] ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: "/ledger"])
            } catch {
                guard let words = Strings.supplyWords(error, Language.of(request)) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, status: .badRequest)
            }
        }
    }

    private func reader(_ context: CordonRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.may(principal, .enterLedger) || AccessPolicy.may(principal, .approveLedger) else {
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .enterLedger)
        }
        return principal
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, message: String? = nil, problem: String? = nil, typed: LedgerForm? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        var pending: [PendingLine] = []
        var pager: Pager?
        if AccessPolicy.may(principal, .approveLedger) {
            let q = request.uri.queryParameters
            let found = try await ledger.pending(page: Pager.request(q), as: principal)
            pager = Pager(found, path: "/ledger", query: q, lang: lang)
            pending = found.items.map { d in
                PendingLine(
                    id: d.id, kind: Strings.text("led_kind_\(d.kind.rawValue)", lang), date: d.date.description, item: d.item,
                    amount: Strings.amount(d.amount, item: d.item, unit: d.unit),
                    party: [d.donor, d.recipient, d.purpose, d.corrects.map { Strings.text("led_correctsNote", lang, "\($0)") }].compactMap { $0 }.joined(separator: " · "),
                    enteredBy: d.enteredByName, entered: pages.time(d.enteredAt), own: d.enteredBy == principal.auditName)
            }
        }
        let form = typed ?? LedgerForm(date: pages.day(clock.now()).description)
        let districts = try await store.children(of: nil).flatMap { top in [top] }
        var areaNames: [String] = []
        for top in districts { areaNames += try await store.children(of: top.id).map(\.name) }
        let page = LedgerPage(
            mayEnter: AccessPolicy.may(principal, .enterLedger), mayApprove: AccessPolicy.may(principal, .approveLedger),
            kinds: LedgerEntry.Kind.allCases.map { Choice(value: $0.rawValue, label: Strings.text("led_kind_\($0.rawValue)", lang), selected: $0.rawValue == form.kind) },
            date: form.date, item: form.item, amount: form.amount, unit: form.unit, donor: form.donor, recipient: form.recipient, recipientArea: form.recipientArea,
            purpose: form.purpose, corrects: form.corrects, note: form.note, areaNames: areaNames, pending: pending, hasPending: !pending.isEmpty, pager: pager,
            message: message, problem: problem)
        return pages.render("ledger", page, request: request, context: context, status: status)
    }
}

struct PendingLine: Sendable {
    let id: String
    let kind: String
    let date: String
    let item: String
    let amount: String
    let party: String
    let enteredBy: String
    let entered: String
    /// Entered by the reader: they may not approve it.
    let own: Bool
}

struct LedgerPage: PageModel {
    let mayEnter: Bool
    let mayApprove: Bool
    let kinds: [Choice]
    let date: String
    let item: String
    let amount: String
    let unit: String
    let donor: String
    let recipient: String
    let recipientArea: String
    let purpose: String
    let corrects: String
    let note: String
    let areaNames: [String]
    let pending: [PendingLine]
    let hasPending: Bool
    let pager: Pager?
    let message: String?
    let problem: String?
}
