import Domain
import Foundation

/// The alerts the facts call for (issue 7): an arrival from a high-risk region, a close contact
/// found, a daily reminder in quarantine. Each names its fact, so a second run over the same facts
/// asks for nothing new (the outbox keeps one message per fact key). Colour changes are announced
/// where statuses are saved, and sign-in codes and appeal answers where they happen.
public struct AlertRules: Sendable {
    public struct Alert: Sendable, Equatable {
        public var person: String
        public var kind: AlertKind
        public var factKey: String
        public var variables: [String: String]

        public init(person: String, kind: AlertKind, factKey: String, variables: [String: String]) {
            self.person = person
            self.kind = kind
            self.factKey = factKey
            self.variables = variables
        }
    }

    public let colours: ColourRules
    public let now: Date
    /// Local time (minutes after midnight) from which the day's quarantine reminders go out: 09:00.
    public static let reminderMinute = 9 * 60

    public init(colours: ColourRules, now: Date) {
        self.colours = colours
        self.now = now
    }

    public func alerts(arrivals: [Arrival], exposures: [ContactExposure], checkIns: [CheckIn]) -> [Alert] {
        var out: [Alert] = []
        let risky = Set(colours.highRiskRegions)
        let window = Double(colours.arrivalWindowDays) * 86_400
        for a in arrivals where risky.contains(a.from) && a.arrivedAt <= now && now.timeIntervalSince(a.arrivedAt) < window {
            out.append(Alert(person: a.person, kind: .arrivalHighRisk, factKey: "arrival:\(a.id)", variables: ["region": a.from, "date": day(a.arrivedAt)]))
        }
        let quarantine = Double(colours.quarantineDays) * 86_400
        let today = day(now)
        let checkedInToday = Set(checkIns.filter { day($0.at) == today }.map(\.person))
        // Reminders wait until the morning: not an SMS to everyone in quarantine at one minute past midnight.
        let minuteOfDay = Int((now.timeIntervalSince1970 + Double(colours.dayOffsetMinutes) * 60).truncatingRemainder(dividingBy: 86_400) / 60)
        let remindNow = minuteOfDay >= Self.reminderMinute
        for e in exposures where e.isRed && now.timeIntervalSince(e.lastExposure) < quarantine {
            let firstDay = day(e.lastExposure) == today
            out.append(
                Alert(person: e.person, kind: .closeContact, factKey: "contact:\(e.person):\(e.caseID)",
                    variables: ["category": e.category.rawValue, "date": day(e.lastExposure)]))
            // From the day after the exposure: the day it is found, the close-contact alert says enough.
            if remindNow && !firstDay && !checkedInToday.contains(e.person) {
                out.append(
                    Alert(person: e.person, kind: .quarantineReminder, factKey: "reminder:\(e.person):\(today)",
                        variables: ["date": today, "until": day(e.lastExposure.addingTimeInterval(quarantine))]))
            }
        }
        return out
    }

    /// The local calendar day (the profile's time zone) as YYYY-MM-DD.
    func day(_ date: Date) -> String {
        CalendarDate(localDayOf: date, offsetMinutes: colours.dayOffsetMinutes).description
    }
}
