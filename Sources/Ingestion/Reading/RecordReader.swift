/// Reads the records of an import file in either contract format: NDJSON (one JSON object a line)
/// or CSV with the field names as header. The format is recognised from the first non-blank byte.
public final class RecordReader {
    public enum Format: String, Sendable { case ndjson, csv }

    private let source: LineSource
    public private(set) var format: Format?
    private var header: [String] = []

    public init(path: String) throws(ImportFailure) {
        source = try LineSource(path: path)
    }

    public init(bytes: [UInt8]) {
        source = LineSource(bytes: bytes)
    }

    public var bytesConsumed: Int { source.bytesConsumed }
    public var totalBytes: Int { source.totalBytes }

    /// The next record or the problem with it; nil at the end of the input. Blank lines are skipped.
    public func next() throws(ImportFailure) -> Result<RawRecord, ImportProblem>? {
        while true {
            var pending: [UInt8]? = nil
            guard
                let outcome = source.nextLine({ line -> LineOutcome in
                    var line = line
                    if source.lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                        line = UnsafeBufferPointer(rebasing: line[3...])
                    }
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
                    return self.handle(line, pending: &pending)
                })
            else { return nil }
            switch outcome {
            case .blank, .header: continue
            case .record(let r): return .success(r)
            case .problem(let p): return .failure(p)
            case .badHeader(let why): throw .badHeader(why)
            case .continueCSV(let startLine, let partial): return try continueCSV(startLine: startLine, partial: partial)
            }
        }
    }

    private enum LineOutcome {
        case blank, header
        case record(RawRecord)
        case problem(ImportProblem)
        case badHeader(String)
        case continueCSV(startLine: Int, partial: [UInt8])
    }

    private func handle(_ line: UnsafeBufferPointer<UInt8>, pending: inout [UInt8]?) -> LineOutcome {
        let number = source.lineNumber
        if format == nil {
            let first = line.first(where: { $0 != 0x20 && $0 != 0x09 })
            format = first == UInt8(ascii: "{") ? .ndjson : .csv
            if format == .csv {
                switch CSVRowParser.split(line) {
                case .row(let names):
                    header = names.map { $0.trimmingASCIIWhitespace() }
                    if header.contains(where: \.isEmpty) { return .badHeader("an empty column name") }
                    if Set(header).count != header.count { return .badHeader("a column name appears twice") }
                    return .header
                default: return .badHeader("the first line is neither a JSON object nor a CSV header")
                }
            }
        }
        switch format {
        case .ndjson:
            do {
                return .record(RawRecord(line: number, fields: try FlatJSONParser.parse(line)))
            } catch {
                return .problem(ImportProblem(line: number, field: nil, reason: error.reason))
            }
        default:
            switch CSVRowParser.split(line) {
            case .row(let cells): return csvRecord(cells, line: number)
            case .invalid(let why): return .problem(ImportProblem(line: number, field: nil, reason: why))
            case .needsMore: return .continueCSV(startLine: number, partial: Array(line))
            }
        }
    }

    /// A quoted CSV cell spans lines: join lines until the quote closes (at most 100 lines).
    private func continueCSV(startLine: Int, partial: [UInt8]) throws(ImportFailure) -> Result<RawRecord, ImportProblem>? {
        var joined = partial
        for _ in 0..<100 {
            guard let more = source.nextLine({ Array($0) }) else { break }
            joined.append(0x0A)
            joined.append(contentsOf: more)
            let outcome = joined.withUnsafeBufferPointer { CSVRowParser.split($0) }
            switch outcome {
            case .row(let cells):
                if case .record(let r) = csvRecord(cells, line: startLine) { return .success(r) }
                if case .problem(let p) = csvRecord(cells, line: startLine) { return .failure(p) }
            case .invalid(let why): return .failure(ImportProblem(line: startLine, field: nil, reason: why))
            case .needsMore: continue
            }
        }
        return .failure(ImportProblem(line: startLine, field: nil, reason: "a quoted cell is never closed"))
    }

    private func csvRecord(_ cells: [String], line: Int) -> LineOutcome {
        guard cells.count == header.count else {
            return .problem(ImportProblem(line: line, field: nil, reason: "has \(cells.count) cells, the header has \(header.count)"))
        }
        var fields: [String: FieldValue] = [:]
        fields.reserveCapacity(cells.count)
        for (name, cell) in zip(header, cells) where !cell.isEmpty { fields[name] = .string(cell) }
        return .record(RawRecord(line: line, fields: fields))
    }
}
