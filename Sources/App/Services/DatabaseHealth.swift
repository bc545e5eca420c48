import Foundation
import Logging
import Synchronization

/// Whether the database answers, as the background loops and `/healthz` find it.
///
/// A database that goes away (PostgreSQL restarted, the network cut) made every loop log its
/// failure at every round — twice a second for the outbox. Now a loop's failure is checked against
/// the database itself: an outage is logged once when it starts and once when it ends, the loops
/// wait longer between rounds while it lasts (doubling up to 30 s), and `/healthz` says why it
/// answers 503. A failure while the database answers is the loop's own and is logged as before.
public final class DatabaseHealth: Sendable {
    private let logger: Logger
    private let ping: @Sendable () async throws -> Void
    private let state = Mutex(State())
    /// How long a probe waits for the database: a monitor asking `/healthz` needs an answer, not a hang.
    static let probeTimeout: Duration = .seconds(2)
    /// The longest wait between two rounds of a loop during an outage.
    static let longestPause: Duration = .seconds(30)

    struct State {
        /// Why the database is out, and since when; nil while it answers.
        var outage: (reason: String, since: ContinuousClock.Instant)?
        /// Failed probes in this outage: each doubles the loops' pause.
        var failures = 0
    }

    public init(logger: Logger, ping: @escaping @Sendable () async throws -> Void) {
        self.logger = logger
        self.ping = ping
    }

    /// Why the database is unreachable, or nil while it answers.
    public var outage: String? { state.withLock { $0.outage?.reason } }

    /// Asks the database now (at most `probeTimeout`); returns why it is out, or nil.
    @discardableResult
    public func probe() async -> String? {
        let reason: String?
        switch await Self.within(Self.probeTimeout, ping) {
        case .answered: reason = nil
        case .failed(let error): reason = Self.describe(error)
        case .timedOut: reason = "the database did not answer within \(Self.probeTimeout)"
        }
        if let reason { began(reason) } else { ended() }
        return reason
    }

    /// A loop's round failed: an outage is recorded (and logged once), anything else is logged as the loop's error.
    public func failed(_ error: any Error, in loop: String) async {
        if await probe() == nil { logger.error("\(loop): \(error)") }
    }

    /// A loop's round succeeded. A round may not have asked the database at all (an outbox with
    /// no gateway), so an outage ends only when the database itself answers.
    public func succeeded() async {
        if outage != nil { await probe() }
    }

    /// The pause before a loop's next round: its own interval, longer while the database is out.
    public func pause(after interval: Duration) -> Duration {
        let failures = state.withLock { $0.outage == nil ? 0 : $0.failures }
        guard failures > 0 else { return interval }
        let base = max(interval, .seconds(1))
        return min(base * (1 << min(failures, 10)), Self.longestPause)
    }

    private func began(_ reason: String) {
        let first = state.withLock { state -> Bool in
            state.failures += 1
            guard state.outage == nil else { return false }
            state.outage = (reason, .now)
            return true
        }
        if first {
            logger.critical("database unreachable: \(reason). Background work waits and retries with back-off (up to every \(Self.longestPause)); /healthz answers 503 until it returns")
        }
    }

    private func ended() {
        let since = state.withLock { state -> ContinuousClock.Instant? in
            defer { (state.outage, state.failures) = (nil, 0) }
            return state.outage?.since
        }
        if let since { logger.notice("database reachable again after \(ContinuousClock.now - since)") }
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    enum Outcome: Sendable {
        case answered
        case failed(any Error)
        case timedOut
    }

    /// Runs `work`, answering after `limit` at the latest; a call still running then is left to finish on its own.
    static func within(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Void) async -> Outcome {
        await withCheckedContinuation { continuation in
            let race = Race(continuation)
            let call = Task {
                do {
                    try await work()
                    race.settle(.answered)
                } catch {
                    race.settle(.failed(error))
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                race.settle(.timedOut)
                call.cancel()
            }
        }
    }

    /// The first of two outcomes resumes the waiting probe; the second is dropped.
    final class Race: Sendable {
        private let continuation: Mutex<CheckedContinuation<Outcome, Never>?>
        init(_ continuation: CheckedContinuation<Outcome, Never>) { self.continuation = Mutex(continuation) }

        func settle(_ outcome: Outcome) {
            let first = continuation.withLock { waiting in
                defer { waiting = nil }
                return waiting
            }
            first?.resume(returning: outcome)
        }
    }
}
