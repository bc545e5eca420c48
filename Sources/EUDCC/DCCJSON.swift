import Credentials
import Foundation

/// A health certificate as JSON sees it. The EU DCC schema is written for JSON while the
/// certificate travels as CBOR, so the payload is converted before it is validated or compared;
/// every number becomes a Double because JSON has one number type (DCC numbers are small integers).
public indirect enum DCCJSON: Sendable, Equatable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([DCCJSON])
    case object([String: DCCJSON])

    /// The CBOR payload as JSON. CBOR that JSON cannot carry (byte strings, non-text keys, repeated
    /// keys, infinities, unknown tags) is refused rather than approximated: a schema check of an
    /// approximation would vouch for something the certificate does not say.
    public init(_ cbor: CBOR) throws(DCCJSONError) {
        switch cbor {
        case .unsigned(let v): self = .number(Double(v))
        case .negative(let v): self = .number(Double(v))
        case .double(let d):
            guard d.isFinite else { throw .nonFiniteNumber }
            self = .number(d)
        case .text(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        case .undefined: throw .undefined
        case .bytes: throw .byteString
        case .array(let items):
            var out: [DCCJSON] = []
            for item in items { out.append(try DCCJSON(item)) }
            self = .array(out)
        case .map(let pairs):
            var out: [String: DCCJSON] = [:]
            for (key, value) in pairs {
                guard case .text(let name) = key else { throw .nonTextKey }
                guard out[name] == nil else { throw .duplicateKey(name) }
                out[name] = try DCCJSON(value)
            }
            self = .object(out)
        // Issuers may tag date-times (0: RFC 3339 text, 1: epoch seconds) and full dates
        // (1004, RFC 8943); JSON carries them all as text.
        case .tagged(0, .text(let s)), .tagged(1004, .text(let s)): self = .string(s)
        case .tagged(1, let seconds):
            let value: Double
            switch seconds {
            case .unsigned(let v): value = Double(v)
            case .negative(let v): value = Double(v)
            case .double(let d) where d.isFinite: value = d
            default: throw .unsupportedTag(1)
            }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = value == value.rounded() ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
            self = .string(formatter.string(from: Date(timeIntervalSince1970: value)))
        case .tagged(let tag, _): throw .unsupportedTag(tag)
        }
    }

    /// The value under `key` of an object, nil otherwise.
    public subscript(_ key: String) -> DCCJSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([DCCJSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: DCCJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// Why a CBOR payload has no JSON form.
public enum DCCJSONError: Error, Equatable, Sendable {
    case byteString
    case nonTextKey
    case duplicateKey(String)
    case nonFiniteNumber
    case undefined
    case unsupportedTag(UInt64)
}
