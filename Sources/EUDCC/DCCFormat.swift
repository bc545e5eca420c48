/// The shapes the DCC schema gives its strings (its `pattern`s and `format`s), as plain checks
/// over the characters: no regular-expression engine, so the rules read the same on every platform.
struct DCCFormat: Sendable {
    /// What a value should be, for the violation message ("… is not <name>").
    let name: String
    let holds: @Sendable (String) -> Bool

    static let semanticVersion = DCCFormat(name: "a semantic version") { s in
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// ICAO 9303 machine-readable names: `^[A-Z<]*$`.
    static let icao = DCCFormat(name: "an ICAO 9303 transliteration (A-Z and <)") { s in
        s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || $0 == "<" }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (1.0.0 to 1.2.x).
    static let birthDate = DCCFormat(name: "a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)", holds: isBirthDate)
    /// 1.3.0 adds the empty string, for an unknown date of birth.
    static let birthDateOrEmpty = DCCFormat(name: "a date of birth (YYYY, YYYY-MM, YYYY-MM-DD or empty)") { $0.isEmpty || isBirthDate($0) }

    /// `format: date`. That format is an annotation in JSON Schema 2020-12, and issuers wrote the
    /// vaccination date with a time of day (Poland's 1.x vectors 11–13, valid by the schema), so a
    /// date-time is accepted too; anything else is not a date.
    static let date = DCCFormat(name: "an ISO 8601 date") { isFullDate(Array($0.utf8)) || isDateTimeText($0) }

    /// `format: date-time` (RFC 3339): `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    static let dateTime = DCCFormat(name: "an RFC 3339 date-time", holds: isDateTimeText)

    /// `country_vt`: upper-case letters (`[A-Z]{1,10}`); the value set narrows it to real codes.
    static let countryCode = DCCFormat(name: "a country code") { s in
        (1...10).contains(s.count) && s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    static func isBirthDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map { Array($0.utf8) }
        let widths = [4, 2, 2]
        return (1...3).contains(parts.count) && zip(parts, widths).allSatisfy { $0.count == $1 && $0.allSatisfy(isDigit) }
    }

    static func isDateTimeText(_ s: String) -> Bool {
        let b = Array(s.utf8)
        // Date, "T", and HH:MM:SS, each field in range (60 for a leap second).
        guard b.count >= 20, isFullDate(Array(b[0..<10])), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = number(b, 11, 2), hour < 24, b[13] == UInt8(ascii: ":"), let minute = number(b, 14, 2), minute < 60,
            b[16] == UInt8(ascii: ":"), let second = number(b, 17, 2), second <= 60
        else { return false }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i > start, i < b.count else { return false }
        }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count == i + 6, let h = number(b, i + 1, 2), h < 24,
            b[i + 3] == UInt8(ascii: ":"), let m = number(b, i + 4, 2), m < 60
        else { return false }
        return true
    }

    /// `YYYY-MM-DD` with the month 01–12 and the day possible in some month (01–31).
    static func isFullDate(_ b: [UInt8]) -> Bool {
        guard b.count == 10, number(b, 0, 4) != nil, b[4] == UInt8(ascii: "-"), let month = number(b, 5, 2), (1...12).contains(month),
            b[7] == UInt8(ascii: "-"), let day = number(b, 8, 2), (1...31).contains(day)
        else { return false }
        return true
    }

    static func isDigit(_ c: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }

    /// The decimal number in `width` digits at `start`, nil if any is not a digit or out of bounds.
    static func number(_ b: [UInt8], _ start: Int, _ width: Int) -> Int? {
        guard start >= 0, start + width <= b.count else { return nil }
        var n = 0
        for c in b[start..<start + width] {
            guard isDigit(c) else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
