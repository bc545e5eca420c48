import Domain

/// Turns a raw record of one import kind into a domain value, or says what is wrong with it.
/// Validators hold the reference data they check against (known areas, places) and learn the
/// records they accept, so a file may define a parent area before its children.
public protocol RecordValidator {
    associatedtype Output: Sendable
    mutating func validate(_ record: RawRecord) throws(ImportProblem) -> Output
    /// Parses and validates a batch, in line order.
    mutating func validateBatch(_ units: [RecordUnit], parser: RecordParser) -> [Result<Output, ImportProblem>]
}

extension RecordValidator {
    /// Record by record, in order: for kinds whose records refer to earlier ones (areas).
    public mutating func validateBatch(_ units: [RecordUnit], parser: RecordParser) -> [Result<Output, ImportProblem>] {
        var results: [Result<Output, ImportProblem>] = []
        results.reserveCapacity(units.count)
        for unit in units { results.append(validateOne(unit, parser: parser)) }
        return results
    }

    mutating func validateOne(_ unit: RecordUnit, parser: RecordParser) -> Result<Output, ImportProblem> {
        switch parser.parse(unit) {
        case .success(let raw):
            do { return .success(try validate(raw)) } catch { return .failure(error) }
        case .failure(let problem):
            return .failure(problem)
        }
    }
}

/// Identifier rules shared by every kind: ids are joined with `/` into area paths and shown in URLs.
enum RecordID {
    static func check(_ value: String, field: String, line: Int) throws(ImportProblem) -> String {
        guard value.utf8.count <= 64 else { throw ImportProblem(line: line, field: field, reason: "is longer than 64 bytes") }
        for b in value.utf8 {
            let ok = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
            guard ok else {
                throw ImportProblem(line: line, field: field, reason: "\"\(value)\" may hold only letters, digits and - _ . :")
            }
        }
        return value
    }
}
