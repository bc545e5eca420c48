import Foundation

/// Someone arrived in the city from another region (a GB/T 2260 code or a country code).
public struct Arrival: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var person: String
    public var from: String
    public var arrivedAt: Date
    /// `rail`, `air`, `road`…
    public var mode: String?
    /// Train number, flight…
    public var trip: String?

    public init(id: String, person: String, from: String, arrivedAt: Date, mode: String? = nil, trip: String? = nil) {
        self.id = id
        self.person = person
        self.from = from
        self.arrivedAt = arrivedAt
        self.mode = mode
        self.trip = trip
    }
}
