import Domain

/// Turns a raw record of one import kind into a domain value, or says what is wrong with it.
/// Validators hold the reference data they check against (known areas, places) and learn the
/// records they accept, so a file may define a parent area before its children.
public protocol RecordValidator {
    associatedtype Output: Sendable
    mutating func validate(_ record: RawRecord) throws(ImportProblem) -> Output
    /// Parses, validates and prepares (`prepare`: e.g. seals personal data) a batch, in line order.
    /// A `prepare` failure is not a bad line: it fails the batch.
    mutating func prepareBatch<Stored>(
        _ units: [RecordUnit], parser: RecordParser, prepare: @Sendable (Output) throws -> Stored
    ) throws -> PreparedBatch<Stored>
}

extension RecordValidator {
    /// Record by record, in order: for kinds whose records refer to earlier ones (areas).
    public mutating func prepareBatch<Stored>(
        _ units: [RecordUnit], parser: RecordParser, prepare: @Sendable (Output) throws -> Stored
    ) throws -> PreparedBatch<Stored> {
        var batch = PreparedBatch<Stored>()
        batch.accepted.reserveCapacity(units.count)
        for unit in units {
            switch validateOne(unit, parser: parser) {
            case .success(let value): batch.accepted.append(try prepare(value))
            case .failure(let problem): batch.problems.append(problem)
            }
        }
        return batch
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
