import Synchronization

/// How many presence events the timeline index holds and roughly how many bytes they take, for
/// `/metrics` (`cordon_timeline_events`, `cordon_timeline_bytes`): the index is most of a server's
/// memory and grows with every stored event until retention drops old days, so an operator (and
/// `scripts/soak`) can tell that growth from a leak.
public final class TimelineSize: Sendable {
    private let events = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)

    public init() {}

    func update(events: Int, bytes: Int) {
        self.events.store(events, ordering: .relaxed)
        self.bytes.store(bytes, ordering: .relaxed)
    }

    public var eventCount: Int { events.load(ordering: .relaxed) }
    public var byteCount: Int { bytes.load(ordering: .relaxed) }

    /// The Prometheus text lines of both gauges.
    var exposition: String {
        """
        # HELP cordon_timeline_events Presence events held in the in-memory timeline index.
        # TYPE cordon_timeline_events gauge
        cordon_timeline_events \(eventCount)
        # HELP cordon_timeline_bytes Approximate bytes of the timeline index (event arrays, recent events' hash tables, ids).
        # TYPE cordon_timeline_bytes gauge
        cordon_timeline_bytes \(byteCount)

        """
    }
}
