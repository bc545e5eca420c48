/// Base45 (RFC 9285): binary data as QR-code alphanumeric text, two bytes in three characters.
public enum Base45 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 * 3 + 2)
        var i = 0
        while i + 1 < bytes.count {
            let n = Int(bytes[i]) * 256 + Int(bytes[i + 1])
            out.append(alphabet[n % 45])
            out.append(alphabet[n / 45 % 45])
            out.append(alphabet[n / 2025])
            i += 2
        }
        if i < bytes.count {
            let n = Int(bytes[i])
            out.append(alphabet[n % 45])
            out.append(alphabet[n / 45])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a Base45 text; nil for a character outside the alphabet, a dangling single
    /// character, or a group whose value does not fit.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let chars = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 3 * 2 + 1)
        var i = 0
        while i < chars.count {
            let remaining = chars.count - i
            guard remaining >= 2 else { return nil }
            let c = values[Int(chars[i])]
            let d = values[Int(chars[i + 1])]
            guard c >= 0, d >= 0 else { return nil }
            if remaining >= 3 {
                let e = values[Int(chars[i + 2])]
                guard e >= 0 else { return nil }
                let n = Int(c) + Int(d) * 45 + Int(e) * 2025
                guard n <= 0xFFFF else { return nil }
                out.append(UInt8(n >> 8))
                out.append(UInt8(n & 0xFF))
                i += 3
            } else {
                let n = Int(c) + Int(d) * 45
                guard n <= 0xFF else { return nil }
                out.append(UInt8(n))
                i += 2
            }
        }
        return out
    }
}
