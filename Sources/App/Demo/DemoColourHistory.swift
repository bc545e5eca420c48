import Domain
import Foundation

/// The demo city is generated in one go, so the keeper has stored no colours for the weeks of its
/// outbreak. They are replayed from its own case curve so the "colours over time" chart starts
/// where the curve does: a case is red from the day it was reported (the demo releases no one),
/// and everyone else red or yellow today (contacts, arrivals) is scaled by the cases reported in
/// the fourteen days before each day, the window in which their contacts are followed.
enum DemoColourHistory {
    static func days(before board: Dashboard, areaID: String) -> [ColourDaySnapshot] {
        guard let today = CalendarDate(iso: board.day) else { return [] }
        let reported = Dictionary(board.curve.compactMap { d in CalendarDate(iso: d.day).map { ($0, d.byReport) } }, uniquingKeysWith: +)
        guard let first = board.curve.first.flatMap({ CalendarDate(iso: $0.day) }), first < today else { return [] }
        func cumulative(_ day: CalendarDate) -> Int { reported.filter { $0.key <= day }.values.reduce(0, +) }
        func recent(_ day: CalendarDate) -> Int {
            reported.filter { $0.key <= day && $0.key.daysSinceEpoch > day.daysSinceEpoch - 14 }.values.reduce(0, +)
        }
        let casesToday = cumulative(today)
        let otherRed = max(0, board.colours.red - casesToday)
        let recentToday = max(1, recent(today))
        var out: [ColourDaySnapshot] = []
        for n in first.daysSinceEpoch..<today.daysSinceEpoch {
            let day = CalendarDate(daysSinceEpoch: n)
            let share = Double(recent(day)) / Double(recentToday)
            let red = min(cumulative(day), board.colours.red) + Int((Double(otherRed) * share).rounded())
            let yellow = Int((Double(board.colours.yellow) * share).rounded())
            out.append(.init(areaID: areaID, day: day, red: red, yellow: yellow, green: max(0, board.residents - red - yellow)))
        }
        return out
    }
}
