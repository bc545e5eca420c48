import Synchronization

/// How many traces failed since the process started, for `/metrics`
/// (`cordon_trace_failures_total`): an operator alerts on it rising, since a failed trace leaves
/// a case's contacts as they were until a retry succeeds.
public final class TraceFailureCounter: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    func increment() { count.add(1, ordering: .relaxed) }

    public var value: Int { count.load(ordering: .relaxed) }

    /// The Prometheus text lines of the counter.
    var exposition: String {
        """
        # HELP cordon_trace_failures_total Traces of a case that failed (earlier contacts kept, retried).
        # TYPE cordon_trace_failures_total counter
        cordon_trace_failures_total \(value)

        """
    }
}
