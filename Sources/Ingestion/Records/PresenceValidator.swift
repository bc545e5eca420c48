import Domain
import Foundation

/// Validates `presence` records: a known person at a known place, `start` ≤ `end` (RFC 3339), a
/// stay of at most `maximumHours`, and a seat only on a vehicle.
public struct PresenceValidator: ParallelValidator {
    let people: KnownPeople
    let places: [String: PlaceKind]
    let now: Int64
    /// Longer stays are almost always a missing exit scan; they would make everyone a contact.
    public static let maximumHours: Int64 = 24 * 7

    public init(people: KnownPeople, places: [String: PlaceKind], now: Date) {
        self.people = people
        self.places = places
        self.now = Int64(now.timeIntervalSince1970)
    }

    public mutating func validate(_ r: RawRecord) throws(ImportProblem) -> PresenceEvent {
        let id = try RecordID.check(try r.required("id"), field: "id", line: r.line)
        let person = try r.person(people)
        let place = try r.required("place")
        guard let kind = places[place] else { throw ImportProblem(line: r.line, field: "place", reason: "unknown place \"\(place)\"") }
        let start = try r.instant("start")
        let end = try r.instant("end")
        guard end >= start else { throw ImportProblem(line: r.line, field: "end", reason: "is before start") }
        guard end - start <= Self.maximumHours * 3600 else {
            throw ImportProblem(line: r.line, field: "end", reason: "a stay longer than \(Self.maximumHours) hours (missing exit?)")
        }
        try r.notFuture(start, field: "start", now: now)
        let seat = r.optional("seat")
        if let seat {
            guard kind == .vehicle else { throw ImportProblem(line: r.line, field: "seat", reason: "only vehicles have seats; \(place) is a \(kind.rawValue)") }
            guard seat.utf8.count <= 8, PresenceEvent.row(of: seat) != nil else {
                throw ImportProblem(line: r.line, field: "seat", reason: "\"\(seat)\" is not a seat (row number and letter, e.g. 12A)")
            }
        }
        return PresenceEvent(
            id: id, person: person, place: place, start: Date(timeIntervalSince1970: Double(start)),
            end: Date(timeIntervalSince1970: Double(end)), seat: seat, source: r.optional("source"))
    }
}
