import Credentials
import EUDCC
import Foundation

/// Test-only readings of the vectors' other fields: their CBOR (with indefinite lengths), their
/// JSON compared by meaning, and their QR picture read back by zbarimg.
enum DCCVectorChecks {
    /// Where two JSON values differ, as JSON pointers; empty when they mean the same. Numbers
    /// compare as numbers, members in any order, and date-times as instants ("…Z" = "…+00:00").
    static func differences(_ a: DCCJSON, _ b: DCCJSON, at path: String = "") -> [String] {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return Set(x.keys).union(y.keys).sorted().flatMap { key -> [String] in
                guard let u = x[key], let v = y[key] else { return ["\(path)/\(key)"] }
                return differences(u, v, at: "\(path)/\(key)")
            }
        case (.array(let x), .array(let y)) where x.count == y.count:
            return zip(x, y).enumerated().flatMap { differences($1.0, $1.1, at: "\(path)/\($0)") }
        case (.string(let x), .string(let y)):
            if x == y { return [] }
            if let d = ISO8601DateFormatter.flexible(x), let e = ISO8601DateFormatter.flexible(y), d == e { return [] }
            return [path]
        default:
            return a == b ? [] : [path]
        }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }

    /// What zbarimg reads from a PNG, nil when it reads nothing.
    static func zbar(png: Data) -> String? { Zbar.read(png, fileExtension: "png") }
}

/// Reads CBOR with indefinite lengths, which most vectors' CBOR fields use and Credentials'
/// decoder refuses on purpose (a certificate never needs them, and refusing keeps it simple).
struct LenientCBOR {
    struct Malformed: Error {}
    let bytes: [UInt8]
    var offset = 0

    static func decode(_ bytes: [UInt8]) throws -> CBOR {
        var reader = LenientCBOR(bytes: bytes)
        guard let value = try reader.item(depth: 0), reader.offset == bytes.count else { throw Malformed() }
        return value
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func argument(_ info: UInt8) throws -> UInt64 {
        guard info >= 24 else { return UInt64(info) }
        guard info <= 27 else { throw Malformed() }
        var value: UInt64 = 0
        for _ in 0..<(1 << (info - 24)) { value = value << 8 | UInt64(try byte()) }
        return value
    }

    mutating func take(_ count: UInt64) throws -> [UInt8] {
        guard count <= UInt64(bytes.count - offset) else { throw Malformed() }
        defer { offset += Int(count) }
        return Array(bytes[offset..<offset + Int(count)])
    }

    /// One item, or nil for the "break" that ends an indefinite-length one.
    mutating func item(depth: Int) throws -> CBOR? {
        guard depth < 32 else { throw Malformed() }
        let initial = try byte()
        if initial == 0xFF { return nil }
        let (major, info) = (initial >> 5, initial & 0x1F)
        if info == 31 {
            var items: [CBOR] = []
            while let next = try item(depth: depth + 1) { items.append(next) }
            switch major {
            case 2, 3:
                // Chunks of a string: each a definite string of the same kind.
                var joined: [UInt8] = []
                for chunk in items {
                    switch (major, chunk) {
                    case (2, .bytes(let b)): joined += b
                    case (3, .text(let t)): joined += Array(t.utf8)
                    default: throw Malformed()
                    }
                }
                return major == 2 ? .bytes(joined) : .text(String(decoding: joined, as: UTF8.self))
            case 4: return .array(items)
            case 5:
                guard items.count % 2 == 0 else { throw Malformed() }
                return .map(stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) })
            default: throw Malformed()
            }
        }
        func one() throws -> CBOR {
            guard let value = try item(depth: depth + 1) else { throw Malformed() }
            return value
        }
        switch major {
        case 0: return .unsigned(try argument(info))
        case 1:
            let n = try argument(info)
            guard n < UInt64(Int64.max) else { throw Malformed() }
            return .negative(-1 - Int64(n))
        case 2: return .bytes(try take(try argument(info)))
        case 3:
            guard let text = String(validating: try take(try argument(info)), as: UTF8.self) else { throw Malformed() }
            return .text(text)
        case 4:
            let count = try argument(info)
            var items: [CBOR] = []
            for _ in 0..<count { items.append(try one()) }
            return .array(items)
        case 5:
            let count = try argument(info)
            var pairs: [(CBOR, CBOR)] = []
            for _ in 0..<count { pairs.append((try one(), try one())) }
            return .map(pairs)
        case 6: return .tagged(try argument(info), try one())
        default:
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            case 23: return .undefined
            case 25: return .double(Double(Float16(bitPattern: UInt16(try argument(25)))))
            case 26: return .double(Double(Float(bitPattern: UInt32(try argument(26)))))
            case 27: return .double(Double(bitPattern: try argument(27)))
            default: throw Malformed()
            }
        }
    }
}
