import Domain

/// Presence for the tracing benchmark: about `events / 100` people and `events / 2000` places over
/// 21 days, each person with about five stays a day one after another (never two at once), mostly
/// at places near home, with durations by kind of place (a few minutes at a checkpoint, an hour or
/// two on a train or in a cell). Deterministic for the seed.
public struct SyntheticPresence: Sendable {
    public let events: Int
    public let people: Int
    public let places: Int
    public let days = 21
    public let seed: UInt64
    /// The first minute (2026-11-01T00:00Z).
    public let firstMinute: UInt32 = 29_365_920

    public init(events: Int, seed: UInt64 = 7) {
        self.events = events
        self.people = max(10, events / 100)
        self.places = max(20, events / 2000)
        self.seed = seed
    }

    /// The kind of place number `q`: 60% venues, the rest checkpoints, compounds, pharmacies,
    /// vehicles and cells.
    public static func kind(of q: Int) -> PlaceKind {
        switch q % 20 {
        case 0..<12: .venue
        case 12, 13: .checkpoint
        case 14, 15: .compound
        case 16: .pharmacy
        case 17: .vehicle
        default: .cell
        }
    }

    /// Everyone's stays, person by person: `(person, place, start, end, seatRow)`.
    public func forEach(_ body: (Int, Int, UInt32, UInt32, Int) -> Void) {
        var g = SeededGenerator(seed: seed).fork("presence")
        let perPerson = max(1, events / people)
        var produced = 0
        for person in 0..<people {
            let home = person * places / people
            let count = person == people - 1 ? events - produced : perPerson
            let perDay = max(1, (count + days - 1) / days)
            var made = 0
            var day = 0
            var lastEnd = 0
            while made < count {
                // A long day runs into the next morning; the next day starts after it.
                var minute = max(Int(firstMinute) + day * 1440 + 7 * 60 + Int.random(in: 0..<60, using: &g), lastEnd + 5)
                for _ in 0..<perDay where made < count {
                    let near = Int.random(in: 0..<10, using: &g) < 8
                    let place = near ? (home + Int.random(in: -20...20, using: &g) + places) % places : Int.random(in: 0..<places, using: &g)
                    let kind = Self.kind(of: place)
                    let length: Int
                    switch kind {
                    case .checkpoint: length = Int.random(in: 1...10, using: &g)
                    case .pharmacy: length = Int.random(in: 5...20, using: &g)
                    case .vehicle: length = Int.random(in: 30...180, using: &g)
                    case .cell: length = Int.random(in: 30...240, using: &g)
                    default: length = Int.random(in: 10...120, using: &g)
                    }
                    let seat = kind == .vehicle ? Int.random(in: 1...20, using: &g) : 0
                    body(person, place, UInt32(minute), UInt32(minute + length), seat)
                    lastEnd = minute + length
                    minute += length + Int.random(in: 5...90, using: &g)
                    made += 1
                }
                day += 1
            }
            produced += count
        }
    }
}
