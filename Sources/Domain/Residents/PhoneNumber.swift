/// Phone numbers as residents are reached by SMS: a mainland mobile number (11 digits starting 13–19,
/// with or without +86) or an international number in E.164 form.
public enum PhoneNumber {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case notAPhoneNumber(String)
        public var description: String {
            switch self {
            case .notAPhoneNumber: "must be a mainland mobile number (11 digits, 13x–19x) or +country number (8–15 digits)"
            }
        }
    }

    /// The canonical form used for the blind index: 11 digits for mainland mobiles, `+digits` otherwise.
    public static func normalize(_ raw: String) throws(Problem) -> String {
        var digits = ""
        var plus = false
        for (i, ch) in raw.enumerated() {
            if ch.isASCII, ch.isNumber {
                digits.append(ch)
            } else if ch == "+" && i == 0 {
                plus = true
            } else if ch == " " || ch == "-" {
                continue
            } else {
                throw .notAPhoneNumber(raw)
            }
        }
        if plus && digits.hasPrefix("86") && digits.count == 13 { digits.removeFirst(2); plus = false }
        if !plus {
            let b = Array(digits.utf8)
            guard b.count == 11, b[0] == 49, b[1] >= 51 else { throw .notAPhoneNumber(raw) }
            return digits
        }
        guard (8...15).contains(digits.count) else { throw .notAPhoneNumber(raw) }
        return "+" + digits
    }
}
