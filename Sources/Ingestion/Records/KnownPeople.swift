import Domain

/// Which person ids exist, for the reference checks of feed imports. A feed naming an unknown person
/// is an error, not a silent drop; the server answers from its timeline index, the CLI from the store.
public struct KnownPeople: Sendable {
    private let lookup: @Sendable (String) -> Bool

    public init(_ lookup: @escaping @Sendable (String) -> Bool) { self.lookup = lookup }

    public init(_ ids: Set<String>) { self.lookup = { ids.contains($0) } }

    public func contains(_ id: String) -> Bool { lookup(id) }
}

extension RawRecord {
    /// A required RFC 3339 instant.
    func instant(_ name: String) throws(ImportProblem) -> Int64 {
        let text = try required(name)
        guard let seconds = Timestamp.parse(text) else {
            throw ImportProblem(line: line, field: name, reason: "\"\(text)\" is not an RFC 3339 time (2026-11-24T08:30:00+08:00)")
        }
        return seconds
    }

    /// A required reference to a known person.
    func person(_ people: KnownPeople) throws(ImportProblem) -> String {
        let id = try required("person")
        guard people.contains(id) else { throw ImportProblem(line: line, field: "person", reason: "unknown person \"\(id)\"") }
        return id
    }

    /// Refuses times more than a day ahead of the clock: a feed with a wrong year or time zone.
    func notFuture(_ seconds: Int64, field: String, now: Int64) throws(ImportProblem) {
        guard seconds <= now + 86_400 else { throw ImportProblem(line: line, field: field, reason: "lies in the future") }
    }
}
