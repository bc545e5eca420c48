import Foundation

/// The city's wall clock, from the outbreak profile's offset from UTC (`colours.dayOffsetMinutes`):
/// how the times people type into forms (`datetime-local`, a date) become instants. One place, so no
/// form assumes Beijing time on its own.
public struct LocalTime: Sendable, Equatable {
    public let offsetMinutes: Int

    public init(offsetMinutes: Int) { self.offsetMinutes = offsetMinutes }

    /// `+08:00` for Beijing.
    public var offset: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let m = abs(offsetMinutes)
        return sign + String(format: "%02d:%02d", m / 60, m % 60)
    }

    /// A `datetime-local` value (`2026-11-25T14:30`, seconds optional) read on the city's clock.
    public func date(fromInput text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.count == 16 || text.count == 19 else { return nil }
        return Timestamp.parse(text + (text.count == 16 ? ":00" : "") + offset).map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// The `datetime-local` value of an instant (`2026-11-25T14:30`).
    public func input(_ date: Date) -> String {
        let shifted = Int64(date.timeIntervalSince1970) + Int64(offsetMinutes) * 60
        return String(Timestamp.format(shifted).prefix(16))
    }

    /// An instant as people read it on a page: `2026-11-25 14:30`, on the city's clock.
    public func display(_ date: Date) -> String {
        input(date).replacingOccurrences(of: "T", with: " ")
    }

    /// Midnight at the start of a calendar day on the city's clock (a day filter's bound).
    public func startOfDay(_ day: CalendarDate) -> Date {
        Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 - Double(offsetMinutes) * 60)
    }

    /// Noon of a calendar day on the city's clock: when a declared day is taken to have happened.
    public func noon(of day: CalendarDate) -> Date {
        Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 + 12 * 3600 - Double(offsetMinutes) * 60)
    }
}
