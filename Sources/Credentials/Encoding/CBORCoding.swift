extension CBOR {
    /// Canonical-enough encoding: shortest lengths, maps in the order given.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    func encode(into out: inout [UInt8]) {
        func head(_ major: UInt8, _ value: UInt64) {
            let m = major << 5
            switch value {
            case 0..<24: out.append(m | UInt8(value))
            case 24...0xFF: out.append(m | 24); out.append(UInt8(value))
            case 0x100...0xFFFF: out.append(m | 25); out.append(UInt8(value >> 8)); out.append(UInt8(value & 0xFF))
            case 0x10000...0xFFFF_FFFF: out.append(m | 26); for s in stride(from: 24, through: 0, by: -8) { out.append(UInt8(value >> UInt64(s) & 0xFF)) }
            default: out.append(m | 27); for s in stride(from: 56, through: 0, by: -8) { out.append(UInt8(value >> UInt64(s) & 0xFF)) }
            }
        }
        switch self {
        case .unsigned(let v): head(0, v)
        case .negative(let v): head(1, UInt64(-(v + 1)))
        case .bytes(let b): head(2, UInt64(b.count)); out += b
        case .text(let t): head(3, UInt64(t.utf8.count)); out += t.utf8
        case .array(let a): head(4, UInt64(a.count)); for e in a { e.encode(into: &out) }
        case .map(let m): head(5, UInt64(m.count)); for (k, v) in m { k.encode(into: &out); v.encode(into: &out) }
        case .tagged(let t, let v): head(6, t); v.encode(into: &out)
        case .bool(let b): out.append(b ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        case .undefined: out.append(0xF7)
        case .double(let d): out.append(0xFB); let bits = d.bitPattern; for s in stride(from: 56, through: 0, by: -8) { out.append(UInt8(bits >> UInt64(s) & 0xFF)) }
        }
    }

    /// Decodes exactly one value from `bytes`; every malformed input throws, none crashes.
    public static func decode(_ bytes: [UInt8]) throws(CBORError) -> CBOR {
        var reader = CBORReader(bytes: bytes)
        let value = try reader.read(depth: 0)
        guard reader.offset == bytes.count else { throw .trailingBytes }
        return value
    }
}

struct CBORReader {
    let bytes: [UInt8]
    var offset = 0
    static let maxDepth = 32

    mutating func byte() throws(CBORError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ n: UInt64) throws(CBORError) -> ArraySlice<UInt8> {
        guard n <= UInt64(bytes.count - offset) else { throw .truncated }
        let start = offset
        offset += Int(n)
        return bytes[start..<offset]
    }

    mutating func argument(_ info: UInt8) throws(CBORError) -> UInt64 {
        switch info {
        case 0..<24: return UInt64(info)
        case 24: return UInt64(try byte())
        case 25, 26, 27:
            let n = info == 25 ? 2 : info == 26 ? 4 : 8
            var v: UInt64 = 0
            for _ in 0..<n { v = v << 8 | UInt64(try byte()) }
            return v
        default: throw .unsupported("indefinite length or reserved additional information \(info)")
        }
    }

    mutating func read(depth: Int) throws(CBORError) -> CBOR {
        guard depth <= Self.maxDepth else { throw .tooDeep }
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1F
        switch major {
        case 0: return .unsigned(try argument(info))
        case 1:
            let n = try argument(info)
            guard n <= UInt64(Int64.max) else { throw .unsupported("negative integer below Int64") }
            return .negative(-1 - Int64(n))
        case 2: return .bytes(Array(try take(try argument(info))))
        case 3:
            let raw = try take(try argument(info))
            guard let s = String(validating: raw, as: UTF8.self) else { throw .badText }
            return .text(s)
        case 4:
            let n = try argument(info)
            guard n <= UInt64(bytes.count - offset) else { throw .truncated }  // each element needs a byte
            var items: [CBOR] = []
            items.reserveCapacity(Int(n))
            for _ in 0..<n { items.append(try read(depth: depth + 1)) }
            return .array(items)
        case 5:
            let n = try argument(info)
            guard n <= UInt64(bytes.count - offset) / 2 else { throw .truncated }
            var pairs: [(CBOR, CBOR)] = []
            pairs.reserveCapacity(Int(n))
            for _ in 0..<n {
                let k = try read(depth: depth + 1)
                let v = try read(depth: depth + 1)
                pairs.append((k, v))
            }
            return .map(pairs)
        case 6: return .tagged(try argument(info), try read(depth: depth + 1))
        default:
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            case 23: return .undefined
            case 25:
                let h = UInt16(try argument(25))
                return .double(Double(Float16(bitPattern: h)))
            case 26: return .double(Double(Float(bitPattern: UInt32(try argument(26)))))
            case 27: return .double(Double(bitPattern: try argument(27)))
            default: throw .unsupported("simple value \(info)")
            }
        }
    }
}
