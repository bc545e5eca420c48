import Foundation

/// A case whose last trace failed (the store or the timeline threw). Its earlier exposures stay in
/// force until a trace succeeds: a busy disk must never turn red contacts green. The failure is
/// shown on the case page and retried by the server.
public struct TraceFailure: Sendable, Equatable {
    public var caseID: String
    public var firstFailedAt: Date
    public var lastFailedAt: Date
    /// What went wrong, for the epidemiologist and the log (never personal data).
    public var reason: String
    public var attempts: Int

    public init(caseID: String, firstFailedAt: Date, lastFailedAt: Date, reason: String, attempts: Int) {
        self.caseID = caseID
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
        self.reason = reason
        self.attempts = attempts
    }
}
