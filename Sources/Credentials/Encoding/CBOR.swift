/// A CBOR value (RFC 8949): the subset COSE, CWT and EU DCC payloads use. Integers beyond Int64
/// and indefinite lengths are refused rather than guessed at.
public indirect enum CBOR: Sendable, Equatable, Hashable {
    case unsigned(UInt64)
    case negative(Int64)  // the value itself (−1 − n), always < 0
    case bytes([UInt8])
    case text(String)
    case array([CBOR])
    case map([(CBOR, CBOR)])
    case tagged(UInt64, CBOR)
    case bool(Bool)
    case null
    case undefined
    case double(Double)

    public static func int(_ v: Int64) -> CBOR { v >= 0 ? .unsigned(UInt64(v)) : .negative(v) }

    public static func == (a: CBOR, b: CBOR) -> Bool {
        switch (a, b) {
        case (.unsigned(let x), .unsigned(let y)): x == y
        case (.negative(let x), .negative(let y)): x == y
        case (.bytes(let x), .bytes(let y)): x == y
        case (.text(let x), .text(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.map(let x), .map(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.tagged(let t, let x), .tagged(let u, let y)): t == u && x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null), (.undefined, .undefined): true
        case (.double(let x), .double(let y)): x == y || (x.isNaN && y.isNaN)
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .unsigned(let v): h.combine(0); h.combine(v)
        case .negative(let v): h.combine(1); h.combine(v)
        case .bytes(let v): h.combine(2); h.combine(v)
        case .text(let v): h.combine(3); h.combine(v)
        case .array(let v): h.combine(4); h.combine(v)
        case .map(let v): h.combine(5); h.combine(v.count)
        case .tagged(let t, let v): h.combine(6); h.combine(t); h.combine(v)
        case .bool(let v): h.combine(7); h.combine(v)
        case .null: h.combine(8)
        case .undefined: h.combine(9)
        case .double(let v): h.combine(10); h.combine(v)
        }
    }

    /// The value under `key` of a map, nil otherwise.
    public subscript(_ key: CBOR) -> CBOR? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var int64: Int64? {
        switch self {
        case .unsigned(let v): v <= UInt64(Int64.max) ? Int64(v) : nil
        case .negative(let v): v
        case .double(let d) where d.isFinite && d == d.rounded() && abs(d) < 9e15: Int64(d)
        default: nil
        }
    }

    public var bytesValue: [UInt8]? { if case .bytes(let b) = self { b } else { nil } }
    public var textValue: String? { if case .text(let t) = self { t } else { nil } }
}

/// Why CBOR input was refused.
public enum CBORError: Error, Equatable, Sendable {
    case truncated
    case unsupported(String)
    case tooDeep
    case trailingBytes
    case badText
}
