import Domain
import Foundation
import HealthRules
import Testing

@Suite("Notice rules")
struct AlertRulesTests {
    /// 2026-05-10 at the given Beijing time.
    func beijing(_ hour: Int, _ minute: Int) -> Date {
        Date(timeIntervalSince1970: Double(CalendarDate(year: 2026, month: 5, day: 10)!.daysSinceEpoch) * 86_400 + Double((hour - 8) * 3600 + minute * 60))
    }

    @Test("one notice per fact; quarantine reminders from 09:00, not on the day of exposure, not after today's check-in; companions get none")
    func rules() {
        let morning = beijing(9, 0)
        let exposure = ContactExposure(person: "P", caseID: "C", category: .close, lastExposure: morning.addingTimeInterval(-2 * 86_400))
        let companion = ContactExposure(person: "Q", caseID: "C", category: .companion, lastExposure: morning.addingTimeInterval(-2 * 86_400))
        let arrival = Arrival(id: "A", person: "R", from: "420100", arrivedAt: morning.addingTimeInterval(-3600))
        let at9 = AlertRules(colours: .standard, now: morning).alerts(arrivals: [arrival], exposures: [exposure, companion], checkIns: [])
        #expect(at9.map(\.factKey).sorted() == ["arrival:A", "contact:P:C", "reminder:P:2026-05-10"])
        let at859 = AlertRules(colours: .standard, now: beijing(8, 59)).alerts(arrivals: [], exposures: [exposure], checkIns: [])
        #expect(at859.map(\.kind) == [.closeContact])
        let checkedIn = AlertRules(colours: .standard, now: beijing(10, 0)).alerts(
            arrivals: [], exposures: [exposure], checkIns: [CheckIn(person: "P", at: beijing(9, 30), temperature: 36.5)])
        #expect(checkedIn.map(\.kind) == [.closeContact])
        let sameDay = ContactExposure(person: "P", caseID: "C2", category: .close, lastExposure: beijing(8, 0))
        #expect(AlertRules(colours: .standard, now: beijing(12, 0)).alerts(arrivals: [], exposures: [sameDay], checkIns: []).map(\.kind) == [.closeContact])
    }
}
