/// The end-of-import summary: what loaded, what was already there, what was refused and why.
public struct ImportReport: Sendable, Equatable, Codable {
    public var kind: String
    public var format: String
    /// New records written.
    public var loaded: Int = 0
    /// Records whose id was already known: left as they were (imports are idempotent by id).
    public var unchanged: Int = 0
    /// Lines refused; the first `problemLimit` are listed in `problems`.
    public var rejected: Int = 0
    public var problems: [Problem] = []
    /// Residents only: self-declared people (申领) this file confirmed, each merged into the
    /// file's record with the same identity number.
    public var merged: Int = 0
    /// Arrivals, labs and presence: declarations (申领) this file contradicts, each now a task
    /// for the person's grid.
    public var contradicted: Int = 0

    public static let problemLimit = 1000

    public struct Problem: Sendable, Equatable, Codable {
        public var line: Int
        public var field: String?
        public var reason: String
    }

    public init(kind: String, format: String) {
        self.kind = kind
        self.format = format
    }

    mutating func reject(_ p: ImportProblem) {
        rejected += 1
        if problems.count < Self.problemLimit { problems.append(Problem(line: p.line, field: p.field, reason: p.reason)) }
    }
}

/// Progress of a running import, for the terminal's progress bar.
public struct ImportProgress: Sendable {
    public var bytesRead: Int
    public var totalBytes: Int
    public var records: Int
}
