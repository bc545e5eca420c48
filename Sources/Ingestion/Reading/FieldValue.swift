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
public struct RawRecord: Sendable {
    public var line: Int
    public var fields: [String: FieldValue]

    public init(line: Int, fields: [String: FieldValue]) {
        self.line = line
        self.fields = fields
    }

    /// A required text field, trimmed; throws a problem naming the field when absent or empty.
    public func required(_ name: String) throws(ImportProblem) -> String {
        guard let value = optional(name) else { throw ImportProblem(line: line, field: name, reason: "is required") }
        return value
    }

    /// An optional text field, trimmed; nil when absent, null or blank.
    public func optional(_ name: String) -> String? {
        guard let text = fields[name]?.text else { return nil }
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
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !($0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n") }) else { return "" }
        guard let last = scalars.lastIndex(where: { !($0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n") }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
