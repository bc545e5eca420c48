import Domain
import Foundation
import Hummingbird

/// `/supplies`: the officers' page. With `supplies:manage`: their area's pharmacies (stock, the
/// account each pharmacy signs in with), reservation rounds (publish one, draw a closed one) and the
/// medical staff priority list. With `supplies:receive`: what each level holds, shipments on their
/// way in (confirm receipt) and sending goods on to the areas below.
struct SupplyPagesController {
    let pharmacies: PharmacyService
    let rounds: MaskRoundService
    let shipments: SupplyShipmentService
    let store: any AreaRepository
    let profiles: ProfileStore
    let clock: WallClock
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("supplies") { request, context in
            let principal = try reader(context)
            return try await page(principal, request: request, context: context, message: request.uri.queryParameters.get("message"))
        }
        router.post("supplies/pharmacies/:id/account") { request, context in
            let principal = try context.requirePrincipal(may: .manageSupplies)
            let form = try await request.decode(as: [String: String].self, context: context)
            let lang = Language.of(request)
            do {
                let issued = try await pharmacies.openAccount(
                    pharmacyID: try context.parameters.require("id"), username: form["username"] ?? "", displayName: form["displayName"] ?? "", as: principal)
                return try await page(principal, request: request, context: context, message: Strings.text("sup_accountIssued", lang, issued.account.username, issued.password))
            } catch let problem as StaffProblem {
                return try await page(principal, request: request, context: context, problem: Strings.staffProblem(problem, lang), status: .badRequest)
            } catch {
                guard let words = Strings.supplyWords(error, lang) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, status: .badRequest)
            }
        }
        router.post("supplies/rounds") { request, context in
            let principal = try context.requirePrincipal(may: .manageSupplies)
            let typed = try await request.decode(as: [String: String].self, context: context)
            var form = MaskRoundService.Form()
            (form.product, form.area, form.opensAt, form.closesAt) = (typed["product"] ?? "", typed["area"] ?? "", typed["opensAt"] ?? "", typed["closesAt"] ?? "")
            (form.perEntry, form.perPharmacy, form.areaTotal) = (typed["perEntry"] ?? "", typed["perPharmacy"] ?? "", typed["areaTotal"] ?? "")
            do {
                let round = try await rounds.create(form, as: principal)
                return Response(status: .seeOther, headers: [.location: "/public/mask-rounds/\(round.id)"])
            } catch {
                guard let words = Strings.supplyWords(error, Language.of(request)) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, typedRound: form, status: .badRequest)
            }
        }
        router.post("supplies/rounds/:id/draw") { request, context in
            let principal = try context.requirePrincipal(may: .manageSupplies)
            let id = try context.parameters.require("id")
            do {
                try await rounds.draw(id, as: principal)
                return Response(status: .seeOther, headers: [.location: "/public/mask-rounds/\(id)"])
            } catch {
                guard let words = Strings.supplyWords(error, Language.of(request)) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, status: .badRequest)
            }
        }
        router.post("supplies/priority") { request, context in
            let principal = try context.requirePrincipal(may: .manageSupplies)
            let form = try await request.decode(as: [String: String].self, context: context)
            let result = try await rounds.addToPriorityGroup(form["idNumbers"] ?? "", group: "medical", as: principal)
            let lang = Language.of(request)
            return try await page(
                principal, request: request, context: context, message: Strings.text("sup_priorityAdded", lang, "\(result.added)"),
                problem: result.problems.isEmpty ? nil : result.problems.joined(separator: " · "), typedPriority: result.problems.isEmpty ? nil : form["idNumbers"])
        }
        router.post("supplies/shipments") { request, context in
            let principal = try context.requirePrincipal(may: .receiveSupplies)
            let form = try await request.decode(as: [String: String].self, context: context)
            do {
                _ = try await shipments.send(
                    item: form["item"] ?? "", quantity: form["quantity"] ?? "", from: principal.jurisdictionID ?? "", to: form["to"] ?? "", as: principal)
                return Response(status: .seeOther, headers: [.location: "/supplies#shipments"])
            } catch {
                guard let words = Strings.supplyWords(error, Language.of(request)) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, typedShipment: form, status: .badRequest)
            }
        }
        router.post("supplies/shipments/:id/receive") { request, context in
            let principal = try context.requirePrincipal(may: .receiveSupplies)
            _ = try await shipments.receive(try context.parameters.require("id"), as: principal)
            return Response(status: .seeOther, headers: [.location: "/supplies#shipments"])
        }
    }

    private func reader(_ context: CordonRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.may(principal, .manageSupplies) || AccessPolicy.may(principal, .receiveSupplies) else {
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .receiveSupplies)
        }
        return principal
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, message: String? = nil, problem: String? = nil,
        typedRound: MaskRoundService.Form? = nil, typedPriority: String? = nil, typedShipment: [String: String]? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let q = request.uri.queryParameters
        let rules = profiles.profile.supplies
        // The principal's area and the areas one level down, by name.
        var nearby: [Area] = []
        if let id = principal.jurisdictionID, let own = try await store.area(id: id) { nearby = [own] + (try await store.children(of: own.id)) }
        var manage: ManageSection?
        if AccessPolicy.may(principal, .manageSupplies) {
            let found = try await pharmacies.list(page: Pager.request(q), as: principal)
            let rows = found.items.map { p in
                PharmacyRow(
                    id: p.place.id, name: p.place.name, address: p.address,
                    stock: Strings.stock(p.stock, rules, lang),
                    updated: p.updatedAt.map(pages.time) ?? Strings.text("sup_never", lang), mayOpenAccount: true, mayOpen: true)
            }
            let now = clock.now()
            let roundRows = try await rounds.rounds(within: principal.jurisdiction ?? .everywhere, page: PageRequest(limit: 20)).items.map { r in
                ManagedRound(
                    id: r.id, product: Strings.product(r.product, rules, lang), closes: pages.time(r.closesAt), total: r.totalUnits,
                    state: Strings.text("sup_state_\(r.phase(at: now))", lang), mayDraw: r.phase(at: now) == "closed")
            }
            let typed = typedRound ?? {
                var f = MaskRoundService.Form()
                f.area = principal.jurisdictionID ?? ""
                f.opensAt = profiles.profile.localTime.input(now)
                f.closesAt = profiles.profile.localTime.input(now.addingTimeInterval(86_400))
                return f
            }()
            manage = ManageSection(
                pharmacies: rows, hasPharmacies: !rows.isEmpty, pager: Pager(found, path: "/supplies", query: q, lang: lang), rounds: roundRows,
                hasRounds: !roundRows.isEmpty,
                products: rules.products.map { Choice(value: $0.id, label: lang == .zh ? $0.zh : $0.en, selected: $0.id == typed.product) },
                areas: nearby.map { Choice(value: $0.id, label: $0.name, selected: $0.id == typed.area) }, opensAt: typed.opensAt, closesAt: typed.closesAt, perEntry: typed.perEntry, perPharmacy: typed.perPharmacy,
                areaTotal: typed.areaTotal, priority: typedPriority ?? "")
        }
        var receive: ReceiveSection?
        if AccessPolicy.may(principal, .receiveSupplies), let root = principal.jurisdiction {
            var names: [String: String] = [:]
            func name(_ id: String?) async throws -> String {
                guard let id else { return Strings.text("sup_cityLedger", lang) }
                if let known = names[id] { return known }
                let found = try await store.area(id: id)?.name ?? id
                names[id] = found
                return found
            }
            var stocks: [StockRow] = []
            for s in try await shipments.stocks(within: root) {
                stocks.append(StockRow(area: try await name(s.areaID), item: s.item, onHand: s.onHand, inTransit: s.inTransit, sentOn: s.sentOn))
            }
            var rows: [ShipmentRow] = []
            for s in try await shipments.list(page: PageRequest(limit: 50), as: principal).items {
                rows.append(
                    ShipmentRow(
                        id: s.id, item: s.item, quantity: s.quantity, from: try await name(s.fromArea), to: try await name(s.toArea), sent: pages.time(s.sentAt),
                        state: Strings.text("sup_ship_\(s.state.rawValue)", lang),
                        mayReceive: s.state == .sent && AccessPolicy.may(principal, .receiveSupplies, in: AreaPath(s.toPath))))
            }
            receive = ReceiveSection(
                stocks: stocks, hasStocks: !stocks.isEmpty, shipments: rows, hasShipments: !rows.isEmpty, item: typedShipment?["item"] ?? "",
                quantity: typedShipment?["quantity"] ?? "",
                children: nearby.dropFirst().map { Choice(value: $0.id, label: $0.name, selected: $0.id == typedShipment?["to"]) })
        }
        return pages.render(
            "supplies", SuppliesPage(manage: manage, receive: receive, message: message, problem: problem), request: request, context: context, status: status)
    }
}

struct ManagedRound: Sendable {
    let id: String
    let product: String
    let closes: String
    let total: Int
    let state: String
    let mayDraw: Bool
}

struct ManageSection: Sendable {
    let pharmacies: [PharmacyRow]
    let hasPharmacies: Bool
    let pager: Pager?
    let rounds: [ManagedRound]
    let hasRounds: Bool
    let products: [Choice]
    let areas: [Choice]
    let opensAt: String
    let closesAt: String
    let perEntry: String
    let perPharmacy: String
    let areaTotal: String
    let priority: String
}

struct StockRow: Sendable {
    let area: String
    let item: String
    let onHand: Int
    let inTransit: Int
    let sentOn: Int
}

struct ShipmentRow: Sendable {
    let id: String
    let item: String
    let quantity: Int
    let from: String
    let to: String
    let sent: String
    let state: String
    let mayReceive: Bool
}

struct ReceiveSection: Sendable {
    let stocks: [StockRow]
    let hasStocks: Bool
    let shipments: [ShipmentRow]
    let hasShipments: Bool
    let item: String
    let quantity: String
    let children: [Choice]
}

struct SuppliesPage: PageModel {
    let manage: ManageSection?
    let receive: ReceiveSection?
    let message: String?
    let problem: String?
}
