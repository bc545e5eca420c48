import Foundation

/// Someone was at a place from `start` to `end`: a venue or checkpoint scan with its exit, a seat on
/// a train, a telecom cell dwell. The raw material of tracing.
public struct PresenceEvent: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var person: String
    public var place: String
    public var start: Date
    public var end: Date
    /// Seat on a vehicle (`12A`: row 12); nil elsewhere.
    public var seat: String?
    /// Which feed reported it (`venue-scan`, `rail`, `telecom`…).
    public var source: String?

    public init(id: String, person: String, place: String, start: Date, end: Date, seat: String? = nil, source: String? = nil) {
        self.id = id
        self.person = person
        self.place = place
        self.start = start
        self.end = end
        self.seat = seat
        self.source = source
    }

    /// The row of the seat: the leading digits of `12A`; nil when there is no seat or no row number.
    public var seatRow: Int? { Self.row(of: seat) }

    public static func row(of seat: String?) -> Int? {
        guard let seat else { return nil }
        let digits = seat.utf8.prefix { $0 >= 48 && $0 <= 57 }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}

/// A presence event as the store returns it for rebuilding the timeline: with the store's sequence
/// number, which only grows, so a reader can ask for "everything after N".
public struct StoredPresence: Sendable, Equatable {
    public var sequence: Int64
    public var event: PresenceEvent

    public init(sequence: Int64, event: PresenceEvent) {
        self.sequence = sequence
        self.event = event
    }
}
