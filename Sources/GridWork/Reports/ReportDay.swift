import Domain
import Foundation

/// The local calendar day and the report cut-off, in the profile's time zone (Beijing by default).
public struct ReportDay: Sendable {
    public let offsetMinutes: Int

    public init(offsetMinutes: Int) { self.offsetMinutes = offsetMinutes }

    public func day(of date: Date) -> CalendarDate {
        CalendarDate(localDayOf: date, offsetMinutes: offsetMinutes)
    }

    /// When the day starts, as an instant.
    public func start(of day: CalendarDate) -> Date {
        Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 - Double(offsetMinutes) * 60)
    }

    /// A report for `day` submitted at `at` is late when it comes after that day's cut-off.
    public func isLate(_ at: Date, for day: CalendarDate, cutoffMinutes: Int) -> Bool {
        at > start(of: day).addingTimeInterval(Double(cutoffMinutes) * 60)
    }
}
