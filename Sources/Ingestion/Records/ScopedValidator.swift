import Domain

/// A validator whose records must also lie within an area (a data-feed token scoped to a district):
/// a record the base validator accepts but that lies outside is a bad line, with the field and why.
/// Record by record, for kinds whose records refer to earlier ones (areas); `ScopedParallelValidator`
/// keeps the others split across cores.
public struct ScopedValidator<Base: RecordValidator>: RecordValidator {
    var base: Base
    let refusal: AreaScope<Base.Output>

    public init(_ base: Base, refusal: AreaScope<Base.Output> = .none) {
        self.base = base
        self.refusal = refusal
    }

    public mutating func validate(_ record: RawRecord) throws(ImportProblem) -> Base.Output {
        try refusal.check(try base.validate(record), line: record.line)
    }
}

/// The same for validators that run across cores.
public struct ScopedParallelValidator<Base: ParallelValidator>: ParallelValidator {
    var base: Base
    let refusal: AreaScope<Base.Output>

    public init(_ base: Base, refusal: AreaScope<Base.Output> = .none) {
        self.base = base
        self.refusal = refusal
    }

    public mutating func validate(_ record: RawRecord) throws(ImportProblem) -> Base.Output {
        try refusal.check(try base.validate(record), line: record.line)
    }
}

/// Why a validated record lies outside the area, if it does: the field and the reason.
public struct AreaScope<Output>: Sendable {
    let outside: @Sendable (Output) -> (field: String, reason: String)?

    public init(_ outside: @escaping @Sendable (Output) -> (field: String, reason: String)?) { self.outside = outside }

    /// No area: every record passes.
    public static var none: AreaScope { AreaScope { _ in nil } }

    func check(_ output: Output, line: Int) throws(ImportProblem) -> Output {
        if let (field, reason) = outside(output) { throw ImportProblem(line: line, field: field, reason: reason) }
        return output
    }
}
