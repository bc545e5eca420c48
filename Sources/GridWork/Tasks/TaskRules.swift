import Domain
import Foundation

/// The rules that turn facts into grid tasks (issue 6, DESIGN §4's grid part of the profile). Each
/// task names its fact in `factKey`; the store keeps one task per key, so running the rules again
/// over the same facts makes nothing new. Notes hold ids, codes and dates only: the page names the
/// task's kind in the reader's language.
public struct TaskRules: Sendable {
    public let grid: GridRules
    public let colours: ColourRules
    public let now: Date
    public let actor = "system:grid-rules"

    public init(grid: GridRules, colours: ColourRules, now: Date) {
        self.grid = grid
        self.colours = colours
        self.now = now
    }

    /// An arrival from a high-risk region within the arrival window: verify at home.
    public func verifyArrivals(_ arrivals: [Arrival], homes: [String: Home]) -> [GridTask] {
        let risky = Set(colours.highRiskRegions)
        let window = Double(colours.arrivalWindowDays) * 86_400
        return arrivals.compactMap { a in
            guard risky.contains(a.from), a.arrivedAt <= now, now.timeIntervalSince(a.arrivedAt) < window, let home = homes[a.person] else { return nil }
            return task(
                .verifyArrival, key: "verify-arrival:\(a.id)", home: home, person: a.person, note: "\(a.id) · \(a.from)",
                due: a.arrivedAt.addingTimeInterval(Double(grid.verifyArrivalHours) * 3600))
        }
    }

    /// A close contact (a category the colour rules make red) living in the grid: deliver the quarantine order.
    public func quarantineOrders(_ exposures: [ContactExposure], homes: [String: Home]) -> [GridTask] {
        exposures.compactMap { e in
            guard e.isRed, let home = homes[e.person] else { return nil }
            return task(
                .quarantineOrder, key: "quarantine-order:\(e.person):\(e.caseID)", home: home, person: e.person,
                note: "\(e.caseID) · \(e.category.rawValue)", due: now.addingTimeInterval(Double(grid.quarantineOrderHours) * 3600))
        }
    }

    /// A case living in a compound: door-to-door screening of the compound's households, one task
    /// for each grid the compound's households are in.
    public func screenings(cases: [String], homes: [String: Home], householdsByCompound: [String: [Home]]) -> [GridTask] {
        var out: [GridTask] = []
        for person in cases {
            guard let compound = homes[person]?.compound else { continue }
            let byGrid = Dictionary(grouping: householdsByCompound[compound] ?? [], by: \.gridID)
            for (gridID, households) in byGrid.sorted(by: { $0.key < $1.key }) {
                guard let first = households.first else { continue }
                out.append(
                    task(
                        .screening, key: "screening:\(person):\(compound):\(gridID)", home: first, place: compound,
                        note: "\(person) · \(compound) · \(households.count)",
                        due: now.addingTimeInterval(Double(grid.screeningHours) * 3600)))
            }
        }
        return out
    }

    /// A person in quarantine without a check-in (their own or a sighting) on `day`: visit.
    public func missedCheckIns(_ missed: [(person: String, day: CalendarDate)], homes: [String: Home]) -> [GridTask] {
        missed.compactMap { m in
            guard let home = homes[m.person] else { return nil }
            return task(
                .missedCheckIn, key: "missed-check-in:\(m.person):\(m.day)", home: home, person: m.person, note: "\(m.day)",
                due: now.addingTimeInterval(Double(grid.missedCheckInHours) * 3600))
        }
    }

    func task(_ kind: TaskKind, key: String, home: Home, person: String? = nil, place: String? = nil, note: String, due: Date) -> GridTask {
        GridTask(
            id: Self.id(for: key), kind: kind, factKey: key, gridID: home.gridID, gridPath: home.gridPath, person: person,
            household: kind == .screening ? nil : home.household, place: place, note: note, createdAt: now, createdBy: actor, dueAt: due,
            latitude: home.latitude, longitude: home.longitude)
    }

    /// The same fact always gets the same id (FNV-1a of the key), so a task's link is stable.
    public static func id(for key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "T-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
