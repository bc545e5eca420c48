import Domain
import Foundation
import Hummingbird
import QRImage

/// `/masks`: a resident (or a proxy for their dependants) enters the rounds taking entries at a
/// pharmacy of their choice, sees each entry's token and whether it won, and shows the pickup
/// code of what they won.
struct MaskPagesController {
    let rounds: MaskRoundService
    let pickups: PickupService
    let pharmacies: PharmacyService
    let profiles: ProfileStore
    let clock: WallClock
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("masks") { request, context in
            let principal = try context.requirePrincipal(may: .bookMasks)
            let message = request.uri.queryParameters.get("entered").map { Strings.text("sup_entered", Language.of(request), $0) }
            return try await page(principal, request: request, context: context, message: message)
        }
        router.post("masks/enter") { request, context in
            let principal = try context.requirePrincipal(may: .bookMasks)
            let form = try await request.decode(as: EnterForm.self, context: context)
            do {
                let entry = try await rounds.enter(round: form.round ?? "", person: form.person ?? "", pharmacy: form.pharmacy ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: SitePath.link("/masks", [URLQueryItem(name: "entered", value: String(entry.token.prefix(12)))])])
            } catch {
                guard let words = Strings.supplyWords(error, Language.of(request)) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, typed: form, status: .badRequest)
            }
        }
        router.post("masks/:allocation/code") { request, context in
            let principal = try context.requirePrincipal(may: .bookMasks)
            let lang = Language.of(request)
            do {
                let (allocation, text) = try await pickups.code(try context.parameters.require("allocation"), as: principal)
                let name = try await pharmacies.pharmacy(allocation.pharmacy).place.name
                let title = Strings.text("sup_pickupTitle", lang)
                return pages.render(
                    "pickup-code",
                    PickupCodePage(
                        title: title, pharmacy: name, product: productName(allocation.product, lang), units: allocation.units,
                        svg: try QRMatrix.encode(text).svg(size: 320, label: title), text: text,
                        until: Strings.text("sup_pickupBy", lang, pages.time(allocation.expiresAt), name)),
                    request: request, context: context)
            } catch {
                guard let words = Strings.supplyWords(error, lang) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, status: .badRequest)
            }
        }
    }

    func productName(_ id: String, _ lang: Language) -> String {
        Strings.product(id, profiles.profile.supplies, lang)
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, message: String? = nil, problem: String? = nil, typed: EnterForm? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let holdings = try await pickups.holdings(as: principal)
        let now = clock.now()
        var open: [OpenRound] = []
        var roundsByID: [String: MaskRound] = [:]
        for round in try await rounds.rounds(page: PageRequest(limit: 50)).items {
            roundsByID[round.id] = round
            guard round.isOpen(at: now) else { continue }
            let names = try await pharmacies.names(within: round.areaPath)
            open.append(
                OpenRound(
                    id: round.id, product: productName(round.product, lang), closes: pages.time(round.closesAt), perEntry: round.perEntry,
                    pharmacies: round.quantities.keys.sorted().map { Choice(value: $0, label: names[$0] ?? $0, selected: typed?.pharmacy == $0) },
                    people: holdings.map { Choice(value: $0.person, label: $0.name, selected: typed?.person == $0.person) }))
        }
        var entries: [EntryRow] = []
        var allocations: [AllocationRow] = []
        for holding in holdings {
            for e in holding.entries {
                var round = roundsByID[e.round]
                if round == nil { round = try await rounds.round(e.round) }
                let drawn = round?.state == .drawn
                entries.append(
                    EntryRow(name: holding.name, round: e.round, token: e.token, outcome: Strings.text(drawn ? (e.won ? "sup_won" : "sup_lost") : "sup_pending", lang)))
            }
            for a in holding.allocations {
                let pharmacy = try await pharmacies.pharmacy(a.pharmacy).place.name
                let state: String? =
                    switch a.state {
                    case .collected: Strings.text("sup_collected", lang)
                    case .returned: Strings.text("sup_expired", lang)
                    case .awaiting: a.expiresAt <= now ? Strings.text("sup_expired", lang) : nil
                    }
                allocations.append(
                    AllocationRow(
                        id: a.id, name: holding.name, what: "\(productName(a.product, lang)) × \(a.units)",
                        when: Strings.text("sup_pickupBy", lang, pages.time(a.expiresAt), pharmacy), state: state, mayShow: state == nil))
            }
        }
        let rules = profiles.profile.supplies
        let page = MasksPage(
            quota: Strings.text("sup_quota", lang, "\(rules.quotaUnits)", "\(rules.periodDays)"), open: open, hasOpen: !open.isEmpty, entries: entries,
            hasEntries: !entries.isEmpty, allocations: allocations, hasAllocations: !allocations.isEmpty, message: message, problem: problem)
        return pages.render("masks", page, request: request, context: context, status: status)
    }

    struct EnterForm: Decodable {
        var round: String?
        var person: String?
        var pharmacy: String?
    }
}

struct Choice: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

struct OpenRound: Sendable {
    let id: String
    let product: String
    let closes: String
    let perEntry: Int
    let pharmacies: [Choice]
    let people: [Choice]
}

struct EntryRow: Sendable {
    let name: String
    let round: String
    let token: String
    let outcome: String
}

struct AllocationRow: Sendable {
    let id: String
    let name: String
    let what: String
    let when: String
    let state: String?
    let mayShow: Bool
}

struct MasksPage: PageModel {
    let quota: String
    let open: [OpenRound]
    let hasOpen: Bool
    let entries: [EntryRow]
    let hasEntries: Bool
    let allocations: [AllocationRow]
    let hasAllocations: Bool
    let message: String?
    let problem: String?
}

struct PickupCodePage: PageModel {
    let title: String
    let pharmacy: String
    let product: String
    let units: Int
    let svg: String
    let text: String
    let until: String
}
