import CordonAPI
import Domain
import Foundation
import NIOCore

/// Scans' bodies and verdicts without Foundation's JSON coders, which cost 6 % of a single scan's
/// server CPU and 17 % of a batch's (`perf` of `scripts/bench-checkpoint`'s loads, BENCHMARKS.md,
/// session 26) for objects of three strings in and six fields out.
///
/// Reading takes only the shape every gate sends: a scan is one flat object of string values
/// without escapes among `text`, `place` and `scannedAt`, each once (a batch: `{"scans": [...]}`).
/// Anything else (an escape, another key, a number, a missing field, a bad date) returns nil, and
/// the routes decode the body with `JSONDecoder` as before, which accepts what JSON allows and
/// names what is wrong. Writing gives the bytes `JSONEncoder` gives with sorted keys (tested side
/// by side).
enum ScanJSON {
    /// The body as a `Scan`, when it has the plain shape; nil otherwise.
    static func plainScan(_ buffer: ByteBuffer) -> Components.Schemas.Scan? {
        buffer.withUnsafeReadableBytes { bytes in
            var reader = Reader(bytes: bytes)
            reader.skipSpace()
            guard let scan = reader.scanObject() else { return nil }
            reader.skipSpace()
            return reader.atEnd ? scan : nil
        }
    }

    /// The body as a `ScanBatch` (`{"scans": [scan, …]}`), when every scan has the plain shape.
    static func plainBatch(_ buffer: ByteBuffer) -> Components.Schemas.ScanBatch? {
        buffer.withUnsafeReadableBytes { bytes in
            var reader = Reader(bytes: bytes)
            var scans: [Components.Schemas.Scan] = []
            reader.skipSpace()
            guard reader.take(UInt8(ascii: "{")) else { return nil }
            reader.skipSpace()
            guard reader.plainString() == "scans" else { return nil }
            reader.skipSpace()
            guard reader.take(UInt8(ascii: ":")) else { return nil }
            reader.skipSpace()
            guard reader.take(UInt8(ascii: "[")) else { return nil }
            reader.skipSpace()
            if !reader.take(UInt8(ascii: "]")) {
                repeat {
                    reader.skipSpace()
                    guard let scan = reader.scanObject() else { return nil }
                    scans.append(scan)
                    reader.skipSpace()
                } while reader.take(UInt8(ascii: ","))
                guard reader.take(UInt8(ascii: "]")) else { return nil }
            }
            reader.skipSpace()
            guard reader.take(UInt8(ascii: "}")) else { return nil }
            reader.skipSpace()
            return reader.atEnd ? Components.Schemas.ScanBatch(scans: scans) : nil
        }
    }

    /// The batch's answers as `JSONEncoder` with `.sortedKeys` writes them.
    static func encode(_ result: Components.Schemas.ScanBatchResult) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(result.results.count * 72 + 16)
        out.append(contentsOf: #"{"results":["#.utf8)
        for (i, item) in result.results.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            var fields = 0
            out.append(UInt8(ascii: "{"))
            if let error = item.error {
                out.append(contentsOf: #""error":"#.utf8)
                appendString(error.rawValue, to: &out)
                fields += 1
            }
            if let message = item.message {
                if fields > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: #""message":"#.utf8)
                appendString(message, to: &out)
                fields += 1
            }
            if let verdict = item.verdict {
                if fields > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: #""verdict":"#.utf8)
                append(verdict, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// The verdict as `JSONEncoder` with `.sortedKeys` writes it.
    static func encode(_ verdict: Components.Schemas.ScanVerdict) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        append(verdict, to: &out)
        return out
    }

    static func append(_ verdict: Components.Schemas.ScanVerdict, to out: inout [UInt8]) {
        var first = true
        func key(_ name: StaticString) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: "\":".utf8)
        }
        if let colour = verdict.colour { key("colour"); appendString(colour.rawValue, to: &out) }
        if let error = verdict.error { key("error"); appendString(error, to: &out) }
        if let name = verdict.name { key("name"); appendString(name, to: &out) }
        key("recorded")
        out.append(contentsOf: (verdict.recorded ? "true" : "false").utf8)
        if let evidence = verdict.travelEvidence {
            key("travelEvidence")
            out.append(UInt8(ascii: "["))
            for (i, item) in evidence.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(item.rawValue, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        key("valid")
        out.append(contentsOf: (verdict.valid ? "true" : "false").utf8)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string as Foundation writes it: quote, backslash and slash escaped, control
    /// characters as their short escape or \u00XX, everything else as UTF-8.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): out.append(contentsOf: #"\/"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A cursor over the body's bytes.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        }

        /// `{"text": …, "place": …, "scannedAt": …}` with plain strings, each key once, scannedAt
        /// optional and an RFC 3339 date; nil for anything else.
        mutating func scanObject() -> Components.Schemas.Scan? {
            var text: String?, place: String?, scannedAt: String?
            guard take(UInt8(ascii: "{")) else { return nil }
            skipSpace()
            if !take(UInt8(ascii: "}")) {
                repeat {
                    skipSpace()
                    guard let key = plainString() else { return nil }
                    skipSpace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipSpace()
                    guard let value = plainString() else { return nil }
                    switch key {
                    case "text" where text == nil: text = value
                    case "place" where place == nil: place = value
                    case "scannedAt" where scannedAt == nil: scannedAt = value
                    default: return nil
                    }
                    skipSpace()
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            guard let text, let place else { return nil }
            var date: Date?
            if let scannedAt {
                guard let seconds = Timestamp.parse(scannedAt) else { return nil }
                date = Date(timeIntervalSince1970: Double(seconds))
            }
            return Components.Schemas.Scan(text: text, place: place, scannedAt: date)
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string without escapes or control characters, valid UTF-8; nil for anything else.
        mutating func plainString() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let string = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return string
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }
    }
}
