import Domain
import Foundation
import Hummingbird

/// `/dashboard`: the command centre's (and each officer's) dashboard of an area, drilled down by
/// `?area=ID`; `/dashboard/data` is the one JSON document the page polls; `/dashboard/areas.geojson`
/// the outlines of the areas below, for the map.
struct DashboardPagesController {
    let dashboard: DashboardService
    let reproductionNumber: ReproductionNumberService
    let shipments: SupplyShipmentService
    let pages: PageRenderer

    /// How often the page asks for the document again.
    static let refreshSeconds = 30

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("dashboard") { request, context in
            let principal = try context.requirePrincipal(may: .readDashboard)
            let lang = Language.of(request)
            let areaID = request.uri.queryParameters.get("area")
            let board = try await dashboard.dashboard(areaID: areaID, as: principal, english: lang == .en)
            // The city's page draws R_t's projection beside its curve (the estimate is the city's).
            var projection: [ReproductionNumberService.Document.Estimate] = []
            var rt: RtSummary?
            if board.area.level == AreaLevel.city.rawValue {
                let document = try await reproductionNumber.current()
                projection = document.projection
                rt = RtSummary(document, lang: lang)
            }
            var page = try DashboardPage(board, lang: lang, projection: projection, rt: rt, time: pages.time)
            page.supplies = try await shipments.held(areaID: board.area.id, as: principal).map { held in
                DashboardPage.SupplyHeld(
                    level: Strings.text("level.\(held.area.level.rawValue)", lang), area: held.area.name, item: held.stock.item, onHand: held.stock.onHand,
                    inTransit: held.stock.inTransit)
            }
            page.hasSupplies = !page.supplies.isEmpty
            return pages.render("dashboard", page, request: request, context: context)
        }
        router.get("dashboard/data") { request, context in
            let principal = try context.requirePrincipal(may: .readDashboard)
            let board = try await dashboard.dashboard(
                areaID: request.uri.queryParameters.get("area"), as: principal, english: Language.of(request) == .en)
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: try DashboardPage.encoder.encode(board))))
        }
        router.get("dashboard/areas.geojson") { request, context in
            let principal = try context.requirePrincipal(may: .readDashboard)
            let outlines = try await dashboard.childOutlines(
                areaID: request.uri.queryParameters.get("area"), as: principal, english: Language.of(request) == .en)
            let data = try OpenData.geoJSON(outlines.map { (geometry: $0.geometry, properties: OutlineProperties(id: $0.id, name: $0.name)) })
            return Response(
                status: .ok, headers: [.contentType: "application/geo+json", .cacheControl: "private, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    struct OutlineProperties: Encodable {
        let id: String
        let name: String
    }
}
