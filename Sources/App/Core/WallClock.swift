import Domain
import Foundation

/// The injected clock. Everything that stamps, expires or decides "today" asks it, so tests can
/// move time and no code reads `Date()` on its own.
public struct WallClock: Sendable {
    public let now: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date = Date.init) { self.now = now }

    /// A new audit event stamped now.
    public func event(_ actor: String, _ action: AuditAction, kind: String = "", id: String = "", detail: String = "") -> AuditEvent {
        AuditEvent(at: now(), actor: actor, action: action.rawValue, subjectKind: kind, subjectID: id, detail: detail)
    }
}
