/// One batch after parsing, validation and preparation: what goes to the store, in line order, and
/// what was rejected, with line numbers.
public struct PreparedBatch<Stored> {
    public var accepted: [Stored] = []
    public var problems: [ImportProblem] = []

    public init() {}

    /// Joins parts that were prepared on different threads, in order. The first part's array is
    /// taken over rather than copied: a copy retains every string of every record.
    init(joining parts: inout [PreparedBatch<Stored>]) {
        guard !parts.isEmpty else { return }
        accepted = parts[0].accepted
        parts[0].accepted = []
        accepted.reserveCapacity(parts.reduce(0) { $0 + $1.accepted.count })
        for i in parts.indices {
            if i > 0 { accepted.append(contentsOf: parts[i].accepted) }
            problems.append(contentsOf: parts[i].problems)
        }
    }
}
