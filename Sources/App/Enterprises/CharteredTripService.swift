import Domain
import Foundation
import Privacy

/// Chartered return transport (点对点接送): an enterprise registers a vehicle from an origin region
/// with its employees' seats. The passengers' presence goes to the timeline like a train's (a later
/// case's seat neighbours are traced as transport contacts), and their arrivals to the arrivals feed
/// (the grid verifies those from high-risk regions, as for anyone arriving).
public struct CharteredTripService: Sendable {
    let store: any EnterpriseRepository & AuditLogRepository
    let timeline: TimelineService
    let statuses: StatusService
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    public struct Draft: Sendable, Equatable {
        public var origin: String
        public var vehicle: String
        /// `YYYY-MM-DDTHH:MM` on the city's clock.
        public var departure: String
        public var arrival: String
        /// Person → seat as typed (blank: not on board).
        public var seats: [String: String]

        public init(origin: String, vehicle: String, departure: String, arrival: String, seats: [String: String]) {
            (self.origin, self.vehicle, self.departure, self.arrival, self.seats) = (origin, vehicle, departure, arrival, seats)
        }
    }

    public func register(_ draft: Draft, as principal: Principal) async throws -> CharteredTrip {
        let enterprise = try await ownEnterprise(principal)
        guard let origin = CharteredTrip.origin(draft.origin) else { throw CharteredTrip.Problem.origin(draft.origin) }
        let vehicle = draft.vehicle.trimmingCharacters(in: .whitespaces)
        guard !vehicle.isEmpty, vehicle.count <= 40 else { throw CharteredTrip.Problem.vehicle }
        let local = profiles.profile.localTime
        guard let departure = local.date(fromInput: draft.departure.trimmingCharacters(in: .whitespaces)) else {
            throw CharteredTrip.Problem.time(field: "departure", typed: draft.departure)
        }
        guard let arrival = local.date(fromInput: draft.arrival.trimmingCharacters(in: .whitespaces)) else {
            throw CharteredTrip.Problem.time(field: "arrival", typed: draft.arrival)
        }
        guard arrival > departure else { throw CharteredTrip.Problem.arrivalBeforeDeparture }
        guard arrival.timeIntervalSince(clock.now()) <= 7 * 86_400 else { throw CharteredTrip.Problem.tooFarAhead }
        var passengers: [CharteredTrip.Passenger] = []
        var taken: Set<String> = []
        for (person, typed) in draft.seats.sorted(by: { $0.key < $1.key }) where !typed.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let seat = CharteredTrip.seat(typed) else { throw CharteredTrip.Problem.seat(person: person, typed: typed) }
            guard taken.insert(seat).inserted else { throw CharteredTrip.Problem.sameSeat(seat) }
            passengers.append(.init(person: person, seat: seat))
        }
        guard !passengers.isEmpty else { throw CharteredTrip.Problem.noPassengers }
        let consenting = Set(try await store.employments(enterpriseID: enterprise.id, people: passengers.map(\.person)).filter { $0.state == .confirmed }.map(\.person))
        if let stranger = passengers.first(where: { !consenting.contains($0.person) }) { throw CharteredTrip.Problem.notAnEmployee(stranger.person) }

        let trip = CharteredTrip(
            id: Hex.encode(Array(SecretToken.hash(SecretToken.generate()).prefix(6))), enterpriseID: enterprise.id, origin: origin, vehicle: vehicle,
            departure: departure, arrival: arrival, passengers: passengers, registeredBy: principal.auditName, registeredAt: clock.now())
        let place = Place(id: trip.placeID, kind: .vehicle, name: "包车 \(vehicle) · \(enterprise.name)", areaID: nil)
        let stored = try await store.registerCharteredTrip(
            trip, vehicle: place,
            audit: clock.event(principal.auditName, .tripRegister, kind: "enterprise", id: enterprise.id, detail: "\(trip.placeID) \(origin) \(passengers.count) on board"))
        // The timeline learns of the vehicle and its passengers now; their arrival colours follow.
        await timeline.addPlaces([place])
        try await timeline.follow(stored)
        try await statuses.refresh(passengers.map(\.person))
        return trip
    }

    /// The form's state: the enterprise's consenting employees and its trips.
    public func overview(as principal: Principal) async throws -> (enterprise: Enterprise, employees: [EmployeeRow], trips: [CharteredTrip]) {
        let enterprise = try await ownEnterprise(principal)
        let rows = try await store.employees(enterpriseID: enterprise.id, at: clock.now(), page: PageRequest(limit: PageRequest.maxLimit))
        return (enterprise, rows.items.filter { $0.employment.state == .confirmed }, try await store.charteredTrips(enterpriseID: enterprise.id))
    }

    func ownEnterprise(_ principal: Principal) async throws -> Enterprise {
        guard let id = principal.enterpriseID else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .applyReturnToWork) }
        guard let enterprise = try await store.enterprise(id: id) else { throw StoreError.notFound(kind: "enterprise", id: id) }
        try await directory.authorize(principal, .applyReturnToWork, .enterprise(id: enterprise.id, path: enterprise.areaPath))
        return enterprise
    }
}
