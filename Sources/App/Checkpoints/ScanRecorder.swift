import Domain
import Foundation

/// Writes checkpoint scans as presence with group commit: scans that arrive while a transaction is
/// being written wait and go into the next one together. Each caller still returns only after its
/// scan is durable, but a busy gate costs one commit per batch instead of one per scan.
public actor ScanRecorder {
    /// One caller's scans (one from a gate, up to a batch's from a queue), answered together.
    struct Pending {
        var events: [PresenceEvent]
        var actor: String
        var done: CheckedContinuation<[Bool], any Error>
    }

    private let store: any CordonStore
    private let timeline: TimelineService
    private let now: @Sendable () -> Date
    private var pending: [Pending] = []
    private var writing = false
    /// The timeline follows in the background: a gate must not wait for the index to take the scans
    /// in. Rows wait here in sequence order until the feeding task hands them over.
    private var forTimeline: [StoredPresence] = []
    private var feeding = false
    /// A cap keeps one transaction short when a queue of offline scans arrives at once.
    private let maxBatch = 2_000

    init(store: any CordonStore, timeline: TimelineService, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.timeline = timeline
        self.now = now
    }

    /// Records the scan; true when it is new (false when this scan was recorded before).
    public func record(_ event: PresenceEvent, by actor: String) async throws -> Bool {
        try await record([event], by: actor).first ?? false
    }

    /// Records a gate's batch in the same commit as whatever else waits; for each, whether it is new.
    public func record(_ events: [PresenceEvent], by actor: String) async throws -> [Bool] {
        guard !events.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(events: events, actor: actor, done: continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            // Whole callers, up to `maxBatch` scans (at least one caller, however big its batch).
            var take = 0, scans = 0
            while take < pending.count, take == 0 || scans + pending[take].events.count <= maxBatch {
                scans += pending[take].events.count
                take += 1
            }
            let batch = Array(pending.prefix(take))
            pending.removeFirst(take)
            do {
                let stored = try await store.insertNewPresence(batch.flatMap(\.events), audits: Self.audits(for: batch, at: now()))
                let inserted = Set(stored.map(\.event.id))
                for caller in batch { caller.done.resume(returning: caller.events.map { inserted.contains($0.id) }) }
                if !stored.isEmpty { follow(stored) }
            } catch {
                for caller in batch { caller.done.resume(throwing: error) }
            }
        }
        writing = false
    }

    /// Hands the new rows to the timeline in order, one batch after another, in the background.
    private func follow(_ rows: [StoredPresence]) {
        forTimeline.append(contentsOf: rows)
        guard !feeding else { return }
        feeding = true
        Task {
            while let rows = self.takeForTimeline() {
                // Nothing is lost when this fails (the store is away): the rows are stored, and
                // TimelineKeeper's catch-up reads them from the index's last sequence within seconds.
                try? await timeline.follow(rows)
            }
        }
    }

    private func takeForTimeline() -> [StoredPresence]? {
        guard !forTimeline.isEmpty else {
            feeding = false
            return nil
        }
        defer { forTimeline = [] }
        return forTimeline
    }

    /// One audit entry per operator and checkpoint in a batch: who scanned how many codes where.
    static func audits(for batch: [Pending], at time: Date) -> [AuditEvent] {
        var counts: [String: [String: Int]] = [:]
        for caller in batch {
            for event in caller.events { counts[caller.actor, default: [:]][event.place, default: 0] += 1 }
        }
        return counts.keys.sorted().flatMap { actor in
            (counts[actor] ?? [:]).sorted { $0.key < $1.key }.map { place, n in
                AuditEvent(at: time, actor: actor, action: AuditAction.checkpointScan.rawValue, subjectKind: "place", subjectID: place, detail: "\(n) scans")
            }
        }
    }
}
