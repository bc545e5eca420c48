import Domain
import Foundation
import Hummingbird

/// `/trips`: an enterprise's chartered return trips (点对点) and the form to register one — the
/// origin region, the vehicle, departure and arrival, and the seat of each employee on board.
struct CharteredTripPagesController {
    let trips: CharteredTripService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("trips") { request, context in
            let principal = try context.requirePrincipal(may: .applyReturnToWork)
            let message = request.uri.queryParameters.get("registered").map { Strings.text("trips_registered", Language.of(request), $0) }
            return try await page(principal, request: request, context: context, typed: [:], message: message)
        }
        router.post("trips") { request, context in
            let principal = try context.requirePrincipal(may: .applyReturnToWork)
            let fields = try await FieldWorkPagesController.fields(request, context: context)
            let seats = Dictionary(fields.compactMap { key, value in key.hasPrefix("seat_") ? (String(key.dropFirst(5)), value) : nil }, uniquingKeysWith: { a, _ in a })
            let draft = CharteredTripService.Draft(
                origin: fields["origin"] ?? "", vehicle: fields["vehicle"] ?? "", departure: fields["departure"] ?? "", arrival: fields["arrival"] ?? "", seats: seats)
            do {
                let trip = try await trips.register(draft, as: principal)
                return Response(status: .seeOther, headers: [.location: "/trips?registered=\(trip.passengers.count)"])
            } catch let problem as CharteredTrip.Problem {
                return try await page(
                    principal, request: request, context: context, typed: fields, problem: Self.words(problem, Language.of(request)), status: .badRequest)
            }
        }
    }

    static func words(_ p: CharteredTrip.Problem, _ lang: Language) -> String {
        switch p {
        case .origin: Strings.text("trips_problem_origin", lang)
        case .vehicle: Strings.text("trips_problem_vehicle", lang)
        case .time(let field, let typed): Strings.text("trips_problem_time", lang, Strings.text("trips_\(field)", lang), typed)
        case .arrivalBeforeDeparture: Strings.text("trips_problem_order", lang)
        case .tooFarAhead: Strings.text("trips_problem_ahead", lang)
        case .seat(_, let typed): Strings.text("trips_problem_seat", lang, typed)
        case .sameSeat(let seat): Strings.text("trips_problem_sameSeat", lang, seat)
        case .noPassengers: Strings.text("trips_problem_none", lang)
        case .notAnEmployee: Strings.text("trips_problem_notEmployee", lang)
        }
    }

    private func page(
        _ principal: Principal, request: Request, context: CordonRequestContext, typed: [String: String], message: String? = nil, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let overview = try await trips.overview(as: principal)
        let chosen = typed["origin"] ?? "420100"
        let regions = RegionNames.table.keys.sorted().map { code in
            RoleOption(value: code, label: "\(RegionNames.name(code, lang)) \(code)", selected: code == chosen)
        }
        let people = overview.employees.map { TripSeatField(id: $0.employment.person, name: $0.name, seat: typed["seat_\($0.employment.person)"] ?? "") }
        let list = overview.trips.map { t in
            TripRow(
                vehicle: t.vehicle, origin: RegionNames.name(t.origin, lang), departure: pages.time(t.departure), arrival: pages.time(t.arrival),
                passengers: t.passengers.count)
        }
        let page = TripsPage(
            enterprise: overview.enterprise.name, regions: regions, vehicle: typed["vehicle"] ?? "", departure: typed["departure"] ?? "",
            arrival: typed["arrival"] ?? "", people: people, hasPeople: !people.isEmpty, trips: list, hasTrips: !list.isEmpty, problem: problem, message: message)
        return pages.render("trips", page, request: request, context: context, status: status)
    }
}

struct TripsPage: PageModel {
    let enterprise: String
    let regions: [RoleOption]
    let vehicle: String
    let departure: String
    let arrival: String
    let people: [TripSeatField]
    let hasPeople: Bool
    let trips: [TripRow]
    let hasTrips: Bool
    let problem: String?
    let message: String?
}

struct TripSeatField: Sendable {
    let id: String
    let name: String
    let seat: String
}

struct TripRow: Sendable {
    let vehicle: String
    let origin: String
    let departure: String
    let arrival: String
    let passengers: Int
}
