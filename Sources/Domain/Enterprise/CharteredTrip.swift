import Foundation

/// A chartered trip bringing employees back (点对点接送): a vehicle from an origin region, its
/// departure and arrival, and who sat where. Its passengers become presence on the vehicle with
/// their seats (so tracing finds seat neighbours of a later case, as on a train) and arrivals
/// from the origin (so the grid verifies those from high-risk regions, as for any arrival).
public struct CharteredTrip: Sendable, Equatable, Codable, Identifiable {
    public struct Passenger: Sendable, Equatable, Codable {
        public var person: String
        public var seat: String

        public init(person: String, seat: String) { (self.person, self.seat) = (person, seat) }
    }

    public var id: String
    public var enterpriseID: String
    /// The region code the trip leaves from (GB/T 2260, six digits).
    public var origin: String
    /// The vehicle: its plate or the operator's number.
    public var vehicle: String
    public var departure: Date
    public var arrival: Date
    public var passengers: [Passenger]
    public var registeredBy: String
    public var registeredAt: Date

    public init(
        id: String, enterpriseID: String, origin: String, vehicle: String, departure: Date, arrival: Date, passengers: [Passenger], registeredBy: String,
        registeredAt: Date
    ) {
        (self.id, self.enterpriseID, self.origin, self.vehicle, self.departure, self.arrival) = (id, enterpriseID, origin, vehicle, departure, arrival)
        (self.passengers, self.registeredBy, self.registeredAt) = (passengers, registeredBy, registeredAt)
    }

    /// The vehicle as a place of the timeline.
    public var placeID: String { "TRIP-" + id }

    /// The trip's presence: each passenger on the vehicle, in their seat, for the whole ride.
    public var presence: [PresenceEvent] {
        passengers.map {
            PresenceEvent(id: "\(placeID)-\($0.person)", person: $0.person, place: placeID, start: departure, end: arrival, seat: $0.seat, source: "chartered")
        }
    }

    /// Each passenger's arrival from the origin.
    public var arrivals: [Arrival] {
        passengers.map { Arrival(id: "\(placeID)-\($0.person)", person: $0.person, from: origin, arrivedAt: arrival, mode: "chartered", trip: vehicle) }
    }

    /// What the form sent, checked; each problem names its field.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case origin(String)
        case vehicle
        case time(field: String, typed: String)
        case arrivalBeforeDeparture
        case tooFarAhead
        case seat(person: String, typed: String)
        case sameSeat(String)
        case noPassengers
        case notAnEmployee(String)

        public var field: String {
            switch self {
            case .origin: "origin"
            case .vehicle: "vehicle"
            case .time(let f, _): f
            case .arrivalBeforeDeparture, .tooFarAhead: "arrival"
            case .seat, .sameSeat, .noPassengers, .notAnEmployee: "seats"
            }
        }

        public var description: String {
            switch self {
            case .origin(let t): "origin: \"\(t)\" is not a region code (six digits, GB/T 2260)"
            case .vehicle: "vehicle: the plate or number of the vehicle is required"
            case .time(let f, let t): "\(f): \"\(t)\" is not a date and time"
            case .arrivalBeforeDeparture: "arrival: before the departure"
            case .tooFarAhead: "arrival: more than 7 days ahead"
            case .seat(let p, let t): "seats: \"\(t)\" for \(p) is not a seat (row number and letter, 12A)"
            case .sameSeat(let s): "seats: seat \(s) is given twice"
            case .noPassengers: "seats: give the seat of each employee on board"
            case .notAnEmployee(let p): "seats: \(p) is not a consenting employee"
            }
        }
    }

    /// `12A`, `3`, `15F`: a row number, then an optional letter.
    public static func seat(_ typed: String) -> String? {
        let t = typed.trimmingCharacters(in: .whitespaces).uppercased()
        guard let match = t.wholeMatch(of: /[1-9][0-9]{0,2}[A-Z]?/) else { return nil }
        return String(match.output)
    }

    public static func origin(_ typed: String) -> String? {
        let t = typed.trimmingCharacters(in: .whitespaces)
        return t.wholeMatch(of: /[1-8][0-9]{5}/).map { String($0.output) }
    }
}
