import Domain

/// A validator whose records must also lie within an area (a data-feed token scoped to a district):
/// a record the base validator accepts but that names a place outside is a bad line, with why.
public struct ScopedValidator<Base: RecordValidator>: RecordValidator {
    var base: Base
    /// Nil when the record lies within the area; otherwise the field and the reason.
    let refusal: @Sendable (Base.Output) -> (field: String, reason: String)?

    /// `refusal` nil: no area, every record the base accepts passes.
    public init(_ base: Base, refusal: (@Sendable (Base.Output) -> (field: String, reason: String)?)? = nil) {
        self.base = base
        self.refusal = refusal ?? { _ in nil }
    }

    public mutating func validate(_ record: RawRecord) throws(ImportProblem) -> Base.Output {
        let output = try base.validate(record)
        if let (field, reason) = refusal(output) { throw ImportProblem(line: record.line, field: field, reason: reason) }
        return output
    }
}
