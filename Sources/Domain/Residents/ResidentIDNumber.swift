/// Validation of the Chinese resident identity number (公民身份号码, GB 11643-1999).
///
/// 18 characters: a 6-digit address code, an 8-digit birth date, a 3-digit sequence and a check
/// character computed with ISO 7064 MOD 11-2 over the first 17 digits.
public enum ResidentIDNumber {
    /// Why a number was refused, in words a clerk can act on.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case wrongLength(Int)
        case invalidCharacter(position: Int)
        case impossibleBirthDate(String)
        case wrongCheckDigit(expected: Character, found: Character)

        public var description: String {
            switch self {
            case .wrongLength(let n): "must have 18 characters, has \(n)"
            case .invalidCharacter(let p): "character \(p) must be a digit (only the last may be X)"
            case .impossibleBirthDate(let d): "birth date \(d) in the number is not a real past date"
            case .wrongCheckDigit(let e, let f): "check digit should be \(e), found \(f) (GB 11643)"
            }
        }
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character for the first 17 digits.
    public static func checkCharacter(for first17: some Collection<UInt8>) -> Character {
        checkCharacter(Array(first17.prefix(17)))
    }

    static func checkCharacter(_ digits: [UInt8]) -> Character {
        var sum = 0
        for i in 0..<min(17, digits.count) { sum += Int(digits[i] &- 48) * weights[i] }
        return checkCharacters[sum % 11]
    }

    /// Returns the number normalised (upper-case X) or throws the first problem found.
    /// `today` is `yyyymmdd` as an integer, so the check needs no calendar and no clock inside.
    public static func validate(_ raw: String, today: Int) throws(Problem) -> String {
        let bytes = Array(raw.utf8)
        guard bytes.count == 18 else { throw .wrongLength(raw.count) }
        for (i, b) in bytes.enumerated() {
            let isDigit = b >= 48 && b <= 57
            if i == 17 {
                if !isDigit && b != 88 && b != 120 { throw .invalidCharacter(position: 18) }
            } else if !isDigit {
                throw .invalidCharacter(position: i + 1)
            }
        }
        let dateDigits = bytes[6..<14].reduce(0) { $0 * 10 + Int($1 - 48) }
        guard CalendarDate(yyyymmdd: dateDigits) != nil, dateDigits >= 1900_01_01, dateDigits <= today else {
            throw .impossibleBirthDate(String(decoding: bytes[6..<14], as: UTF8.self))
        }
        let expected = checkCharacter(bytes)
        let found = Character(Unicode.Scalar(bytes[17] == 120 ? 88 : bytes[17]))
        guard expected == found else { throw .wrongCheckDigit(expected: expected, found: found) }
        return raw.uppercased()
    }

    /// The birth date encoded in a (valid) number, as `YYYY-MM-DD`.
    public static func birthDate(of number: String) -> String {
        let b = Array(number.utf8)
        guard b.count == 18 else { return "" }
        return String(decoding: b[6..<10], as: UTF8.self) + "-" + String(decoding: b[10..<12], as: UTF8.self) + "-"
            + String(decoding: b[12..<14], as: UTF8.self)
    }
}
