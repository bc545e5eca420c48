/// The unified social credit code (统一社会信用代码) every Chinese enterprise carries, checked as
/// GB 32100-2015 defines it: 18 characters from a 31-character alphabet (no I, O, Z, S, V), the
/// last one a check character over the first 17 (weights 3^i mod 31), so a mistyped code is
/// caught at the form, not after an enterprise was approved under someone else's number.
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case length(Int)
        case character(String, position: Int)
        case checkCharacter(expected: String, found: String)

        public var description: String {
            switch self {
            case .length(let n): "\(n) characters, a unified social credit code has 18"
            case .character(let c, let p): "character \(p) (\"\(c)\") is not one a credit code uses (0-9 and A-Y without I, O, S, V, Z)"
            case .checkCharacter(let e, let f): "the last character is \(f), the first 17 give \(e): a character is mistyped"
            }
        }
    }

    /// Reads a code as typed: spaces removed, letters upper-cased.
    public init(_ typed: String) throws(Problem) {
        let text = typed.filter { !$0.isWhitespace }.uppercased()
        let chars = Array(text)
        guard chars.count == 18 else { throw .length(chars.count) }
        var values: [Int] = []
        for (i, c) in chars.enumerated() {
            guard let v = Self.alphabet.firstIndex(of: c) else { throw .character(String(c), position: i + 1) }
            values.append(v)
        }
        let expected = Self.checkCharacter(for: values.prefix(17))
        guard expected == chars[17] else { throw .checkCharacter(expected: String(expected), found: String(chars[17])) }
        rawValue = text
    }

    /// The check character for the first 17 values (GB 32100-2015, §5.2).
    static func checkCharacter(for values: ArraySlice<Int>) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// The code with its check character computed, for tests and the demo: `base` is 17 characters.
    public static func completing(_ base: String) -> String? {
        let values = base.compactMap { alphabet.firstIndex(of: $0) }
        guard base.count == 17, values.count == 17 else { return nil }
        return base + String(checkCharacter(for: values[...]))
    }

    public var description: String { rawValue }
}
