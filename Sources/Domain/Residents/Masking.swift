/// How personal identifiers appear on pages and in the API: enough to recognise, not enough to reuse.
public enum Masking {
    /// `330102199001011234` → `**************1234`: the last four characters only. With the first
    /// four kept as well, the birth date (digits 7–14, known from elsewhere) would leave about nine
    /// candidates for the two hidden digits: the number could be rebuilt.
    public static func idNumber(_ value: String) -> String {
        keep(value, head: 0, tail: 4)
    }

    /// `13812345678` → `138****5678`.
    public static func phone(_ value: String) -> String {
        keep(value, head: 3, tail: 4)
    }

    /// `张三丰` → `张**`: only the family name stays.
    public static func name(_ value: String) -> String {
        guard let first = value.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, value.count - 1))
    }

    static func keep(_ value: String, head: Int, tail: Int) -> String {
        // Identity numbers and phones are ASCII: mask bytes directly, no Character segmentation.
        let bytes = Array(value.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            guard bytes.count > head + tail else { return String(repeating: "*", count: bytes.count) }
            var out = bytes
            for i in head..<(bytes.count - tail) { out[i] = UInt8(ascii: "*") }
            return String(decoding: out, as: UTF8.self)
        }
        let chars = Array(value)
        guard chars.count > head + tail else { return String(repeating: "*", count: chars.count) }
        return String(chars[..<head]) + String(repeating: "*", count: chars.count - head - tail) + String(chars[(chars.count - tail)...])
    }
}
