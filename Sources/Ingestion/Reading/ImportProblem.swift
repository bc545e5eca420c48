/// Why one line of an import file was refused: the line, the field and the reason, in words the
/// person who produced the file can act on.
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var field: String?
    public var reason: String

    public init(line: Int, field: String?, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        if let field { return "line \(line), field \(field): \(reason)" }
        return "line \(line): \(reason)"
    }
}

/// Failures that stop a whole import (as opposed to a bad line).
public enum ImportFailure: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badHeader(String)
    case bodyTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): "cannot read \(p): \(r)"
        case .badHeader(let why): "CSV header: \(why)"
        case .bodyTooLarge(let limit): "the body has more than \(limit) records; send it in smaller batches"
        }
    }
}
