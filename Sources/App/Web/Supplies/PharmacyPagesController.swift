import Credentials
import Domain
import Foundation
import Hummingbird

/// `/pharmacy`: a pharmacy's own page — its stock per product, and the pickup scanner that checks
/// a winner's code and records the pickup once.
struct PharmacyPagesController {
    let pharmacies: PharmacyService
    let pickups: PickupService
    let profiles: ProfileStore
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("pharmacy") { request, context in
            let principal = try context.requirePrincipal(may: .keepStock)
            let message = request.uri.queryParameters.get("saved").map { _ in Strings.text("sup_stockSaved", Language.of(request)) }
            return try await page(principal, request: request, context: context, message: message)
        }
        router.post("pharmacy/stock") { request, context in
            let principal = try context.requirePrincipal(may: .keepStock)
            let form = try await request.decode(as: [String: String].self, context: context)
            let lang = Language.of(request)
            var units: [String: Int] = [:]
            for product in profiles.profile.supplies.products {
                guard let typed = form["units_" + product.id]?.trimmingCharacters(in: .whitespaces), !typed.isEmpty else { continue }
                guard let n = Int(typed), n >= 0 else {
                    return try await page(principal, request: request, context: context, problem: Strings.supplyWords(StockProblem.negative(product: lang == .zh ? product.zh : product.en, units: -1), lang), typed: form, status: .badRequest)
                }
                units[product.id] = n
            }
            do {
                _ = try await pharmacies.setStock(pharmacyID: principal.pharmacyID ?? "", units: units, as: principal)
            } catch {
                guard let words = Strings.supplyWords(error, lang) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, typed: form, status: .badRequest)
            }
            return Response(status: .seeOther, headers: [.location: "/pharmacy?saved=1"])
        }
        router.post("pharmacy/scan") { request, context in
            let principal = try context.requirePrincipal(may: .handOutPickups)
            let form = try await request.decode(as: [String: String].self, context: context)
            let lang = Language.of(request)
            do {
                let a = try await pickups.scan(form["code"] ?? "", as: principal)
                let product = Strings.product(a.product, profiles.profile.supplies, lang)
                return try await page(
                    principal, request: request, context: context, verdict: Strings.text("sup_handOver", lang, "\(a.units)", product, String(a.token.prefix(8))))
            } catch let error as CredentialError {
                return try await page(principal, request: request, context: context, problem: Strings.credentialError(error.code, lang), status: .badRequest)
            } catch {
                guard let words = Strings.supplyWords(error, lang) else { throw error }
                return try await page(principal, request: request, context: context, problem: words, status: .badRequest)
            }
        }
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, message: String? = nil, problem: String? = nil, verdict: String? = nil,
        typed: [String: String]? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let own = try await pharmacies.own(as: principal)
        let products = profiles.profile.supplies.products.map { p in
            let current = own.stock.first { $0.product == p.id }
            return StockField(
                id: p.id, name: lang == .zh ? p.zh : p.en, units: typed?["units_" + p.id] ?? current.map { "\($0.units)" } ?? "",
                updated: current.map { pages.time($0.updatedAt) } ?? Strings.text("sup_never", lang))
        }
        return pages.render(
            "pharmacy",
            PharmacyPage(
                name: own.place.name, address: own.address, products: products, mayScan: AccessPolicy.may(principal, .handOutPickups), message: message,
                problem: problem, verdict: verdict),
            request: request, context: context, status: status)
    }
}

struct StockField: Sendable {
    let id: String
    let name: String
    let units: String
    let updated: String
}

struct PharmacyPage: PageModel {
    let name: String
    let address: String
    let products: [StockField]
    let mayScan: Bool
    let message: String?
    let problem: String?
    let verdict: String?
}
