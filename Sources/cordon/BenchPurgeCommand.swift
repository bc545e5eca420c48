import App
import ArgumentParser
import DemoCity
import Domain
import Foundation
import Logging

/// `cordon bench purge`: retention on PostgreSQL's day partitions against the DELETE it replaced.
/// Loads N synthetic presence events (21 days) into a scratch database, then times the purge of the
/// oldest day through the store (a partition dropped) and, in the same run, the same purge as a
/// DELETE on an unpartitioned copy of the rows with the index it had (the day of the end).
struct BenchPurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge", abstract: "Retention of a day of presence on PostgreSQL: dropping its partition against deleting its rows.",
        discussion: "Makes a scratch database (cordon_bench_purge_PID) next to the one in the URL and drops it afterwards.")

    @Option(help: "How many presence events (21 days).")
    var events = 10_000_000

    @Option(help: "PostgreSQL: postgres://user:password@host:port/database (a server where databases may be created).")
    var databaseURL: String

    @Flag(help: "Keep the scratch database.")
    var keep = false

    func run() async throws {
        let server = try PostgresScratch(url: databaseURL, name: "cordon_bench_purge_\(ProcessInfo.processInfo.processIdentifier)")
        defer { if !keep { server.dropAll() } }
        let url = try server.create("")
        let synthetic = SyntheticPresence(events: events)
        let firstDay = Int64(synthetic.firstMinute) / 1440
        var logger = Logger(label: "cordon")
        logger.logLevel = .warning
        let settings = CordonSettings(dataDirectory: URL(fileURLWithPath: NSTemporaryDirectory() + "cordon-bench-purge-\(ProcessInfo.processInfo.processIdentifier)"), databaseURL: url)
        let (midnight, noon) = try await CordonServices.withOpen(settings, logger: logger) { services in
            try await load(synthetic, into: services.store)
            try Shell.run("/usr/bin/psql", ["-q", "-v", "ON_ERROR_STOP=1", url], input: """
                CREATE TABLE presence_flat AS SELECT * FROM presence;
                CREATE INDEX presence_flat_end_day ON presence_flat((end_at / 86400));
                VACUUM ANALYZE presence_flat;
                VACUUM ANALYZE presence;
                """)
            let audit = AuditEvent(at: Date(), actor: "bench", action: "presence.purge", subjectKind: "presence", subjectID: "*", detail: "")
            // The oldest day whole (cut at midnight), then half of the next (cut at noon).
            var timings: [(rows: Int, ours: TimeInterval, anchor: TimeInterval)] = []
            for cutoff in [(firstDay + 1) * 86_400, (firstDay + 1) * 86_400 + 43_200] {
                let t0 = Date()
                let rows = try await services.store.purgePresence(endedBefore: Date(seconds: cutoff), audit: audit)
                let ours = Date().timeIntervalSince(t0)
                let anchor = try Shell.timed(
                    "/usr/bin/psql", ["-q", "-v", "ON_ERROR_STOP=1", url],
                    input: "DELETE FROM presence_flat WHERE end_at / 86400 <= \(cutoff / 86_400) AND end_at < \(cutoff);\n")
                timings.append((rows, ours, anchor))
            }
            return (timings[0], timings[1])
        }
        print("presence: \(events) events over 21 days (about \(events / 21) a day), PostgreSQL")
        for (label, t) in [("a whole day (cut at midnight: one partition dropped)", midnight), ("half the next day (cut at noon: rows deleted in one partition)", noon)] {
            print(String(format: "%@: %d events; day partitions %.3f s, DELETE on one table %.3f s (%.0fx)", label, t.rows, t.ours, t.anchor, t.anchor / max(t.ours, 0.0001)))
        }
    }

    /// Generates on a thread of its own, at most four batches ahead of the store, so memory stays
    /// flat for a hundred million events.
    private func load(_ synthetic: SyntheticPresence, into store: any FeedRepository) async throws {
        let bar = ProgressBar("loading presence")
        let queue = BatchQueue()
        Thread.detachNewThread {
            var batch: [PresenceEvent] = []
            var n = 0
            synthetic.forEach { person, place, start, end, _ in
                batch.append(PresenceEvent(id: "e\(n)", person: "p\(person)", place: "q\(place)", start: Date(seconds: Int64(start) * 60), end: Date(seconds: Int64(end) * 60)))
                n += 1
                if batch.count == 65_536 {
                    queue.push(batch)
                    batch = []
                }
            }
            queue.push(batch)
            queue.push(nil)
        }
        var done = 0
        while let events = await queue.pop() {
            done += try await store.insertPresence(events, audit: nil)
            bar.update(done: done, total: synthetic.events)
        }
        bar.finish()
    }
}

/// Batches handed from the generating thread to the loading task; the producer waits while four
/// are queued.
private final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [[PresenceEvent]?] = []

    func push(_ batch: [PresenceEvent]?) {
        condition.lock()
        while items.count >= 4 { condition.wait() }
        items.append(batch)
        condition.signal()
        condition.unlock()
    }

    func pop() async -> [PresenceEvent]? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.condition.lock()
                while self.items.isEmpty { self.condition.wait() }
                let first = self.items.removeFirst()
                self.condition.broadcast()
                self.condition.unlock()
                continuation.resume(returning: first)
            }
        }
    }
}
