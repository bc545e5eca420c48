import Foundation

/// RFC 3339 instants as feeds write them (`2026-11-24T08:30:00+08:00`, `…Z`, optional fractional
/// seconds), parsed by hand: Foundation's ISO 8601 formatter costs microseconds per call and an
/// import parses two per presence event.
public enum Timestamp {
    /// Seconds since 1970 of an RFC 3339 date-time, or nil when the text is not one.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        // The bytes in place (an array per call was a third of the parse).
        var text = String(text)
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b.count >= 20 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A,
            let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            let date = CalendarDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        if i < b.count, b[i] == 0x2E {  // fractional seconds: ignored
            i += 1
            let start = i
            while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        switch b[i] {
        case 0x5A, 0x7A:  // Z
            guard i + 1 == b.count else { return nil }
        case 0x2B, 0x2D:  // +hh:mm / -hh:mm
            guard i + 6 == b.count, b[i + 3] == 0x3A, let oh = digits(i + 1, 2), let om = digits(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == 0x2D ? -1 : 1)
        default:
            return nil
        }
        let seconds = Int64(date.daysSinceEpoch) * 86400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return seconds - Int64(offset)
    }

    /// `2026-11-24T00:30:00Z`, for JSON output.
    public static func format(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let rest = Int(seconds - Int64(days) * 86400)
        let date = CalendarDate(daysSinceEpoch: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    public static func format(_ date: Date) -> String { format(Int64(date.timeIntervalSince1970.rounded(.down))) }
}
