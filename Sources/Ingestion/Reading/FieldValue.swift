/// One value of a flat import record. Nested JSON (a GeoJSON geometry) is kept as its raw text.
public enum FieldValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case raw(String)

    /// The value as text, as a CSV cell would hold it; nil for null and empty strings.
    public var text: String? {
        switch self {
        case .string(let s): s.isEmpty ? nil : s
        case .number(let s), .raw(let s): s
        case .bool(let b): b ? "true" : "false"
        case .null: nil
        }
    }
}

/// One record of an import file with the line it started on.
///
/// A CSV row keeps its cells by position against the header, shared by every row, instead of
/// building a dictionary per row: on files of millions of rows that hashing was a fifth of the
/// parse cost. NDJSON lines name their own fields, so they keep a dictionary.
public struct RawRecord: Sendable {
    public var line: Int
    // Stored side by side rather than as an enum: reading a field out of an enum's payload
    // retained and released the header and the cells, seven times a row.
    private let fields: [String: FieldValue]
    private let header: CSVHeader?
    private let cells: [String]

    public init(line: Int, fields: [String: FieldValue]) {
        self.line = line
        self.fields = fields
        self.header = nil
        self.cells = []
    }

    init(line: Int, header: CSVHeader, cells: [String]) {
        self.line = line
        self.fields = [:]
        self.header = header
        self.cells = cells
    }

    /// The value of a field, nil when absent (an empty CSV cell is absent).
    public subscript(_ name: String) -> FieldValue? {
        guard let header else { return fields[name] }
        guard let i = header.position(of: name), !cells[i].isEmpty else { return nil }
        return .string(cells[i])
    }

    /// A required text field, trimmed; throws a problem naming the field when absent or empty.
    public func required(_ name: String) throws(ImportProblem) -> String {
        guard let value = optional(name) else { throw ImportProblem(line: line, field: name, reason: "is required") }
        return value
    }

    /// An optional text field, trimmed; nil when absent, null or blank.
    public func optional(_ name: String) -> String? {
        guard let text = self[name]?.text else { return nil }
        let trimmed = text.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An optional number within a range.
    public func number(_ name: String, in range: ClosedRange<Double>) throws(ImportProblem) -> Double? {
        guard let text = optional(name) else { return nil }
        guard let value = Double(text), value.isFinite else { throw ImportProblem(line: line, field: name, reason: "\"\(text)\" is not a number") }
        guard range.contains(value) else { throw ImportProblem(line: line, field: name, reason: "\(text) is outside \(range.lowerBound)…\(range.upperBound)") }
        return value
    }

    /// An optional value of a closed vocabulary.
    public func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(ImportProblem) -> T? where T.RawValue == String {
        guard let text = optional(name) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ImportProblem(line: line, field: name, reason: "\"\(text)\" is not one of \(allowed)")
        }
        return value
    }
}

extension String {
    /// Without leading and trailing ASCII white space; the common case (none) costs two byte reads.
    func trimmingASCIIWhitespace() -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        if !isSpace(first) && !isSpace(last) { return self }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}

/// The column names of a CSV file and where each stands; built once, shared by every row.
final class CSVHeader: Sendable {
    let names: [String]
    let positions: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() { positions[name] = i }
        self.positions = positions
    }

    func position(of name: String) -> Int? { positions[name] }
}
