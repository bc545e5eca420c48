import Domain
import Foundation
import OpenAPIRuntime

/// Dates in API bodies as RFC 3339 says them, every form of it: with or without fractional seconds,
/// `Z` or any offset (Foundation's ISO 8601 formatter takes one of the two fraction forms only, so a
/// valid `…T14:02:42.003436-16:48` was refused). Written as the feeds write them, whole seconds in UTC.
struct RFC3339Transcoder: DateTranscoder {
    struct NotADate: Error, CustomStringConvertible {
        let text: String
        var description: String { "\"\(text)\" is not an RFC 3339 date-time (2026-11-24T08:30:00+08:00)" }
    }

    func encode(_ date: Date) throws -> String { Timestamp.format(date) }

    func decode(_ text: String) throws -> Date {
        guard let seconds = Timestamp.parse(text) else { throw NotADate(text: text) }
        return Date(timeIntervalSince1970: Double(seconds))
    }
}
