import Foundation

/// Reads the records of an import file in either contract format: NDJSON (one JSON object a line)
/// or CSV with the field names as header. The format is recognised from the first non-blank byte.
///
/// Reading is split in two so that parsing can use every core: `nextUnits` cuts the input into
/// whole records serially (cheap: it only looks for line ends and, in CSV, quote parity), and a
/// `RecordParser`, which is immutable once the header is known, parses units on any thread.
public final class RecordReader {
    public enum Format: String, Sendable { case ndjson, csv }

    private let source: LineSource
    public private(set) var parser: RecordParser?

    public init(path: String) throws(ImportFailure) {
        source = try LineSource(path: path)
    }

    public init(bytes: [UInt8]) {
        source = LineSource(bytes: bytes)
    }

    public var bytesConsumed: Int { source.bytesConsumed }
    public var totalBytes: Int { source.totalBytes }
    public var format: Format? { parser?.format }

    /// Up to `limit` whole records (a CSV record may span lines inside quotes); empty at the end.
    /// Blank lines are skipped; the first line fixes the format and, for CSV, is the header.
    public func nextUnits(limit: Int) throws(ImportFailure) -> [RecordUnit] {
        var units: [RecordUnit] = []
        units.reserveCapacity(limit)
        while units.count < limit {
            guard var bytes = source.nextLine({ Array($0) }) else { break }
            let line = source.lineNumber
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let parser else {
                self.parser = try RecordParser(firstLine: bytes)
                if self.parser?.format == .ndjson { units.append(RecordUnit(line: line, bytes: bytes)) }
                continue
            }
            if parser.format == .csv { joinQuotedLines(&bytes) }
            units.append(RecordUnit(line: line, bytes: bytes))
        }
        return units
    }

    /// A CSV record with an odd number of quotes continues on the next line (at most 100 lines).
    private func joinQuotedLines(_ bytes: inout [UInt8]) {
        // Most lines have no quote at all: one memchr says so.
        guard bytes.withUnsafeBufferPointer({ b in b.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\"")), b.count) != nil } ?? false }) else { return }
        var quotes = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
        var joined = 0
        while quotes % 2 == 1, joined < 100, let more = source.nextLine({ Array($0) }) {
            bytes.append(0x0A)
            bytes.append(contentsOf: more)
            quotes += more.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
            joined += 1
        }
    }
}

/// One record's bytes and the line it starts on.
public struct RecordUnit: Sendable {
    public var line: Int
    public var bytes: [UInt8]
}

/// Turns record units into raw records; immutable, so any number of threads may use it at once.
public struct RecordParser: Sendable {
    public let format: RecordReader.Format
    let header: CSVHeader

    init(firstLine: [UInt8]) throws(ImportFailure) {
        let first = firstLine.first(where: { $0 != 0x20 && $0 != 0x09 })
        if first == UInt8(ascii: "{") {
            format = .ndjson
            header = CSVHeader([])
            return
        }
        format = .csv
        let outcome = firstLine.withUnsafeBufferPointer { CSVRowParser.split($0) }
        guard case .row(let names) = outcome else { throw .badHeader("the first line is neither a JSON object nor a CSV header") }
        let trimmed = names.map { $0.trimmingASCIIWhitespace() }
        if trimmed.contains(where: \.isEmpty) { throw .badHeader("an empty column name") }
        if Set(trimmed).count != trimmed.count { throw .badHeader("a column name appears twice") }
        header = CSVHeader(trimmed)
    }

    public func parse(_ unit: RecordUnit) -> Result<RawRecord, ImportProblem> {
        unit.bytes.withUnsafeBufferPointer { bytes in
            switch format {
            case .ndjson:
                do throws(FlatJSONParser.Failure) {
                    return .success(RawRecord(line: unit.line, fields: try FlatJSONParser.parse(bytes)))
                } catch {
                    return .failure(ImportProblem(line: unit.line, field: nil, reason: error.reason))
                }
            case .csv:
                switch CSVRowParser.split(bytes, expected: header.names.count) {
                case .row(let cells):
                    guard cells.count == header.names.count else {
                        return .failure(ImportProblem(line: unit.line, field: nil, reason: "has \(cells.count) cells, the header has \(header.names.count)"))
                    }
                    return .success(RawRecord(line: unit.line, header: header, cells: cells))
                case .invalid(let why): return .failure(ImportProblem(line: unit.line, field: nil, reason: why))
                case .needsMore: return .failure(ImportProblem(line: unit.line, field: nil, reason: "a quoted cell is never closed"))
                }
            }
        }
    }
}
