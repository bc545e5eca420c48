import Domain
import Foundation

/// Fourteen days of feeds for the demo city, up to the day before `spec.today`: venue visits,
/// checkpoint passes, pharmacy visits, telecom cell dwells, seated train trips, a few arrivals from
/// other regions and a handful of lab results, some positive, so tracing has cases to show on the
/// first start. Deterministic for the seed; streamed day by day.
///
/// People visit places near home (residents are numbered grid by grid), so co-presence clusters the
/// way it does in a real city. At most `activePeople` residents produce presence, which keeps a
/// 1M-resident demo's feed near two million events.
public struct DemoFeeds: Sendable {
    public let city: DemoCity
    public let days = 14
    public static let activePeople = 100_000
    let venues: [String]
    let checkpoints: [String]
    let pharmacies: [String]
    let cells: [String]
    let trains: [String]
    /// Midnight in Hangzhou (UTC+8) of the first day, in seconds since 1970.
    let firstMidnight: Int64

    public init(city: DemoCity) {
        self.city = city
        venues = city.places.filter { $0.kind == .venue }.map(\.id)
        checkpoints = city.places.filter { $0.kind == .checkpoint }.map(\.id)
        pharmacies = city.places.filter { $0.kind == .pharmacy }.map(\.id)
        cells = city.places.filter { $0.kind == .cell }.map(\.id)
        trains = city.places.filter { $0.id.hasPrefix("TRAIN-") }.map(\.id)
        firstMidnight = Int64(city.spec.today.daysSinceEpoch - days) * 86_400 - 8 * 3600
    }

    var stride: Int { max(1, city.spec.residents / Self.activePeople) }

    static func residentID(_ index: Int) -> String { "R" + String(repeating: "0", count: max(0, 8 - String(index).count)) + String(index) }

    func time(day: Int, minute: Int) -> Date { Date(timeIntervalSince1970: Double(firstMidnight + Int64(day * 1440 + minute) * 60)) }

    /// The presence events of one day (0 = fourteen days ago).
    public func presence(day: Int) -> [PresenceEvent] {
        var g = SeededGenerator(seed: city.spec.seed).fork("presence-\(day)")
        var events: [PresenceEvent] = []
        var n = 0
        func add(_ person: Int, _ place: String, _ start: Int, _ minutes: Int, seat: String? = nil, source: String) {
            n += 1
            events.append(
                PresenceEvent(
                    id: "E\(day)-\(n)", person: Self.residentID(person), place: place, start: time(day: day, minute: start),
                    end: time(day: day, minute: start + minutes), seat: seat, source: source))
        }
        func near(_ list: [String], _ person: Int) -> String {
            // Neighbours (close resident numbers) share their nearby places, a few of them (a
            // narrower choice would have the same neighbours meet every day, and a case's window
            // would sum to fifteen minutes with most of the street).
            let home = person * list.count / max(1, city.spec.residents)
            return list[min(list.count - 1, max(0, home + Int.random(in: -4...4, using: &g)))]
        }
        for person in Swift.stride(from: 1, through: city.spec.residents, by: stride) {
            let roll = Int.random(in: 0..<100, using: &g)
            if roll < 50, !venues.isEmpty {
                add(person, near(venues, person), Int.random(in: 8 * 60...21 * 60, using: &g), Int.random(in: 10...90, using: &g), source: "venue-scan")
            }
            if roll % 10 < 3, !checkpoints.isEmpty {
                add(person, near(checkpoints, person), Int.random(in: 7 * 60...22 * 60, using: &g), Int.random(in: 2...10, using: &g), source: "checkpoint")
            }
            if roll % 10 == 9, !pharmacies.isEmpty {
                add(person, near(pharmacies, person), Int.random(in: 9 * 60...20 * 60, using: &g), Int.random(in: 5...15, using: &g), source: "venue-scan")
            }
            if roll < 20, !cells.isEmpty {
                add(person, near(cells, person), Int.random(in: 6 * 60...22 * 60, using: &g), Int.random(in: 30...120, using: &g), source: "telecom")
            }
        }
        // A chain of transmission for the tracing pages: three days before the end the first case
        // has lunch with the second, and the day after the second sits next to the third on a train.
        let chain = cases
        if day == days - 3, chain.count >= 2, let venue = venues.first {
            add(chain[0], venue, 12 * 60, 45, source: "venue-scan")
            add(chain[1], venue, 12 * 60 + 5, 40, source: "venue-scan")
        }
        if day == days - 2, chain.count >= 3, let train = trains.first {
            add(chain[1], train, 16 * 60, 90, seat: "7C", source: "rail")
            add(chain[2], train, 16 * 60, 90, seat: "8C", source: "rail")
        }
        // Each train runs once a day with 80 seated passengers from anywhere in the city.
        for (t, train) in trains.enumerated() {
            let departure = 7 * 60 + t * 180
            for _ in 0..<min(80, city.spec.residents) {
                let person = Int.random(in: 1...city.spec.residents, using: &g)
                let seat = "\(Int.random(in: 1...20, using: &g))\(["A", "B", "C", "D", "F"][Int.random(in: 0..<5, using: &g)])"
                add(person, train, departure, 120, seat: seat, source: "rail")
            }
        }
        return events
    }

    /// The residents the demo makes PCR-positive cases, spread over the city.
    var cases: [Int] {
        let r = city.spec.residents
        return [r / 7, r / 3, r / 2 + 11, (r * 4) / 5].map { max(4, $0 / stride * stride + 1) }.filter { $0 <= r }
    }

    /// A few laboratory results: positive PCR for four people spread over the city (cases), one
    /// positive antigen test (a suspected case) and negatives for their first household contacts.
    public func labResults() -> [LabResult] {
        let r = city.spec.residents
        var results: [LabResult] = []
        for (i, person) in cases.enumerated() {
            results.append(
                LabResult(
                    id: "LAB-\(i + 1)", person: Self.residentID(person), sampledAt: time(day: days - 1 - i % 2, minute: 9 * 60 + i * 7),
                    result: .positive, test: .pcr, lab: "杭州市疾控中心"))
            results.append(
                LabResult(
                    id: "LAB-N\(i + 1)", person: Self.residentID(min(r, person + 1)), sampledAt: time(day: days - 1, minute: 10 * 60),
                    result: .negative, test: .pcr, lab: "杭州市疾控中心"))
        }
        let suspected = max(4, (r * 3) / 5 / stride * stride + 1)
        if suspected <= r {
            results.append(
                LabResult(
                    id: "LAB-AG1", person: Self.residentID(suspected), sampledAt: time(day: days - 1, minute: 15 * 60), result: .positive,
                    test: .antigen, lab: "社区抗原检测点"))
        }
        return results
    }

    /// An earlier outbreak for the dashboard and the bulletin: a few weeks of confirmed cases whose
    /// daily counts rise and fall, each with an onset one to four days before its positive sample.
    public struct EarlierCase: Sendable, Equatable {
        public var lab: LabResult
        public var onset: Date
    }

    /// Cases per day, from 27 days before today to yesterday: a wave that peaks about two and a half
    /// weeks ago and is fading now (so R_t crosses below 1 on the first start).
    /// A city of 100,000 residents or more has the whole wave (a hundred cases); a smaller one a share
    /// of it, so a test town is not all close contacts.
    static let wave = [1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1]
    static let fullWaveResidents = 100_000

    public func earlierCases() -> [EarlierCase] {
        let r = city.spec.residents
        guard r >= 1_000 else { return [] }
        var g = SeededGenerator(seed: city.spec.seed).fork("outbreak")
        var taken = Set(cases)
        var out: [EarlierCase] = []
        var n = 0
        let share = min(1, Double(r) / Double(Self.fullWaveResidents))
        var carried = 0.0
        for (i, full) in Self.wave.enumerated() {
            let day = i - (Self.wave.count - days)  // day index on the feeds' calendar (negative: before the presence window)
            carried += Double(full) * share
            let count = Int(carried.rounded(.down))
            carried -= Double(count)
            for _ in 0..<count {
                n += 1
                // Spread over the city, never one of the traced demo cases.
                var person = max(4, (r / 211 * n + Int.random(in: 0..<max(1, r / 211), using: &g)) % r / stride * stride + 1)
                while taken.contains(person) { person = max(4, (person + stride) % r / stride * stride + 1) }
                taken.insert(person)
                let sampled = time(day: day, minute: Int.random(in: 8 * 60...17 * 60, using: &g))
                out.append(
                    EarlierCase(
                        lab: LabResult(id: "LAB-W\(n)", person: Self.residentID(person), sampledAt: sampled, result: .positive, test: .pcr, lab: "杭州市疾控中心"),
                        onset: sampled.addingTimeInterval(-Double(Int.random(in: 1...4, using: &g)) * 86_400)))
            }
        }
        return out
    }

    /// The gates' scans of the last 24 hours before `now`, counted by hour as the checkpoints'
    /// tally keeps them: busy in the morning and the evening, about one in thirty turned away.
    public func checkpointTallies(until now: Date) -> [CheckpointTally] {
        var g = SeededGenerator(seed: city.spec.seed).fork("scans")
        let lastHour = (now.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600
        let perGate = max(4, min(400, city.spec.residents / max(1, checkpoints.count) / 40))
        var out: [CheckpointTally] = []
        for back in 0..<24 {
            let hour = Date(timeIntervalSince1970: lastHour - Double(back) * 3_600)
            let local = (Int(hour.timeIntervalSince1970 / 3_600) + 8) % 24
            let weight = [7, 8, 9, 17, 18, 19].contains(local) ? 3 : (local < 6 ? 0 : 1)
            for gate in checkpoints {
                let scans = weight * perGate / 3 + Int.random(in: 0...max(1, perGate / 10), using: &g)
                guard scans > 0 else { continue }
                out.append(CheckpointTally(place: gate, hour: hour, scans: scans, refused: scans / 30 + (Int.random(in: 0..<4, using: &g) == 0 ? 1 : 0)))
            }
        }
        return out
    }

    /// Arrivals from other regions: one in two hundred active residents, on a random day.
    public func arrivals() -> [Arrival] {
        var g = SeededGenerator(seed: city.spec.seed).fork("arrivals")
        let regions = ["420100", "310000", "440300", "110000", "510100"]
        let modes = ["rail", "air", "road"]
        var result: [Arrival] = []
        for person in Swift.stride(from: 1, through: city.spec.residents, by: stride * 200) {
            let mode = modes[Int.random(in: 0..<modes.count, using: &g)]
            result.append(
                Arrival(
                    id: "ARR-\(person)", person: Self.residentID(person), from: regions[Int.random(in: 0..<regions.count, using: &g)],
                    arrivedAt: time(day: Int.random(in: 0..<days, using: &g), minute: Int.random(in: 6 * 60...23 * 60, using: &g)),
                    mode: mode, trip: mode == "rail" ? "G\(Int.random(in: 1000...9999, using: &g))" : nil))
        }
        return result
    }
}
