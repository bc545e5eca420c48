import Foundation

/// A proleptic Gregorian calendar date without a time zone (birth dates, report days).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(yyyymmdd: Int) {
        self.init(year: yyyymmdd / 10000, month: yyyymmdd / 100 % 100, day: yyyymmdd % 100)
    }

    /// Parses `YYYY-MM-DD` strictly.
    public init?(iso text: some StringProtocol) {
        var b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        b[4] = 48
        b[7] = 48
        var n = 0
        for (i, c) in b.enumerated() where i != 4 && i != 7 {
            guard c >= 48 && c <= 57 else { return nil }
            n = n * 10 + Int(c - 48)
        }
        self.init(yyyymmdd: n)
    }

    public var yyyymmdd: Int { year * 10000 + month * 100 + day }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        // Four digits always: `YYYY-MM-DD` is what `init(iso:)` and the store read back.
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-\(m)-\(d)"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.yyyymmdd < b.yyyymmdd }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }
}

extension CalendarDate {
    /// The local calendar day of an instant, for a time zone `offsetMinutes` east of UTC (the
    /// profile's `colours.dayOffsetMinutes`: Beijing +480).
    public init(localDayOf date: Date, offsetMinutes: Int) {
        self.init(daysSinceEpoch: Int(((date.timeIntervalSince1970 + Double(offsetMinutes) * 60) / 86_400).rounded(.down)))
    }
}
