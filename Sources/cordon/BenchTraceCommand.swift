import ArgumentParser
import ContactTracing
import DemoCity
import Domain
import Foundation

/// `cordon bench trace`: builds the timeline index from N synthetic presence events and traces 100
/// random cases. `scripts/bench-trace` runs the same close-contact query in DuckDB and PostgreSQL
/// on the file `--export` writes and compares answers and times.
struct BenchTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Timeline index build rate, memory per event and trace latency on N synthetic presence events.",
        discussion: "About N/100 people and N/2000 places over 21 days. Prints the index build rate (events/s), resident memory per event, and for 100 random cases the latency of the full trace (household, close, transport, secondary, companion) and of the close-contact query alone (the one scripts/bench-trace also runs in DuckDB and PostgreSQL). --export DIR writes presence.csv, cases.csv and cordon-close.csv for that comparison.")

    @Option(help: "Presence events to generate.")
    var events = 10_000_000

    @Option(help: "Random cases to trace.")
    var cases = 100

    @Option(help: "Seed of the synthetic city.")
    var seed: UInt64 = 7

    @Option(help: "Write presence.csv, cases.csv and cordon-close.csv to this (empty or new) directory.")
    var export: String?

    func run() throws {
        let baseline = Self.residentBytes()
        let synthetic = SyntheticPresence(events: events, seed: seed)
        print("generating \(events) events: \(synthetic.people) people, \(synthetic.places) places, \(synthetic.days) days")
        var index = TimelineIndex()
        for p in 0..<synthetic.people { index.addPerson(String(p), household: String(p / 3)) }
        for q in 0..<synthetic.places { index.addPlace(String(q), kind: SyntheticPresence.kind(of: q)) }
        index.refreshHouseholds()
        var raw: [TimelineEvent] = []
        raw.reserveCapacity(events)
        synthetic.forEach { person, place, start, end, seat in
            raw.append(TimelineEvent(person: UInt32(person), place: UInt32(place), start: start, end: end, seatRow: UInt8(seat)))
        }
        if let export { try exportPresence(raw, to: export) }

        let clock = ContinuousClock()
        let buildTime = clock.measure { index.build(raw) }
        raw = []
        let rssAfter = Self.residentBytes()
        let seconds = Self.seconds(buildTime)
        print(String(format: "index build      : %.2f s, %.0f events/s", seconds, Double(events) / seconds))
        // Resident memory of the built index (arrays, interned ids, households) over the process
        // before generation; the generated input is freed first.
        print(String(format: "memory per event : %.1f bytes resident (RSS %d MiB before, %d MiB with the index), %.1f bytes in the event arrays",
            Double(max(0, rssAfter - baseline)) / Double(events), baseline >> 20, rssAfter >> 20, Double(index.eventBytes) / Double(events)))

        var g = SeededGenerator(seed: seed).fork("cases")
        let tracer = ContactTracer(index: index, rules: .standard)
        var full: [Double] = []
        var close: [Double] = []
        var rows: [(case: Int, from: UInt32, to: UInt32, contacts: [UInt32: Int])] = []
        var contactCount = 0
        var chosen = Set<Int>()
        for _ in 0..<min(cases, synthetic.people) {
            var person = Int.random(in: 0..<synthetic.people, using: &g)
            while chosen.contains(person) { person = Int.random(in: 0..<synthetic.people, using: &g) }
            chosen.insert(person)
            let end = synthetic.firstMinute + UInt32(Int.random(in: 5..<synthetic.days, using: &g) * 1440)
            let window = TraceWindow(from: end - 4 * 1440, to: end)
            var contacts: [CloseContact] = []
            full.append(Self.seconds(clock.measure { contacts = tracer.contacts(of: UInt32(person), window: window) }) * 1000)
            contactCount += contacts.count
            var closeSet: [UInt32: Int] = [:]
            close.append(Self.seconds(clock.measure { closeSet = tracer.closeContactMinutes(of: UInt32(person), window: window) }) * 1000)
            rows.append((person, window.from, window.to, closeSet))
        }
        full.sort()
        close.sort()
        print(String(format: "trace median     : %.3f ms   (full trace: all categories, secondary contacts included; %.1f contacts a case)",
            Self.percentile(full, 0.5), Double(contactCount) / Double(max(1, cases))))
        print(String(format: "trace p99        : %.3f ms", Self.percentile(full, 0.99)))
        print(String(format: "close query median: %.3f ms   (close contacts only: the query DuckDB and PostgreSQL run)", Self.percentile(close, 0.5)))
        print(String(format: "close query p99  : %.3f ms", Self.percentile(close, 0.99)))
        if let export { try exportCases(rows, to: export) }
        measureCompaction(&index)
    }

    /// A compaction at its largest (a sixteenth of the main part waiting in the recent part) holds
    /// more than the index for a moment: how much more a 64 GB server must keep free.
    func measureCompaction(_ index: inout TimelineIndex) {
        let more = SyntheticPresence(events: max(1, events / 16), seed: seed &+ 1)
        let clock = ContinuousClock()
        let before = Self.residentBytes()
        let peakReset = Self.resetPeakResidentBytes()
        let time = clock.measure {
            more.forEach { person, place, start, end, seat in
                index.add(TimelineEvent(person: UInt32(person), place: UInt32(place), start: start, end: end, seatRow: UInt8(seat)))
            }
            index.compact()
        }
        guard peakReset, let peak = Self.peakResidentBytes() else {
            print("compaction peak  : not measured (this kernel does not let /proc/self/clear_refs reset the peak)")
            return
        }
        print(String(format: "compaction peak  : %.1f bytes an event of the index above it (%d MiB before, %d MiB at the peak) to take in %d more events (%.2f s)",
            Double(max(0, peak - before)) / Double(events), before >> 20, peak >> 20, more.events, Self.seconds(time)))
    }

    /// Resets the process's peak resident set size (VmHWM) to its current size.
    static func resetPeakResidentBytes() -> Bool {
        guard let file = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? file.close() }
        return (try? file.write(contentsOf: Data("5".utf8))) != nil
    }

    /// The peak resident set size (VmHWM in /proc/self/status).
    static func peakResidentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kb * 1024
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Resident set size from /proc/self/statm (pages).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func exportPresence(_ raw: [TimelineEvent], to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let out = try CSVOut(path: dir + "/presence.csv")
        out.line("person,place,kind,start,end,seat")
        for e in raw { out.line("\(e.person),\(e.place),\(SyntheticPresence.kind(of: Int(e.place)).rawValue),\(e.start),\(e.end),\(e.seatRow)") }
        try out.close()
        print("wrote \(dir)/presence.csv")
    }

    func exportCases(_ rows: [(case: Int, from: UInt32, to: UInt32, contacts: [UInt32: Int])], to dir: String) throws {
        let cases = try CSVOut(path: dir + "/cases.csv")
        let close = try CSVOut(path: dir + "/cordon-close.csv")
        cases.line("case,from,to")
        close.line("case,contact,minutes")
        for r in rows {
            cases.line("\(r.case),\(r.from),\(r.to)")
            for (q, minutes) in r.contacts.sorted(by: { $0.key < $1.key }) { close.line("\(r.case),\(q),\(minutes)") }
        }
        try cases.close()
        try close.close()
        print("wrote \(dir)/cases.csv and \(dir)/cordon-close.csv")
    }
}

/// A buffered CSV writer: one write(2) per megabyte.
final class CSVOut {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw ValidationError("cannot create \(path)") }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 20)
    }

    func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 {
            handle.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    func close() throws {
        handle.write(Data(buffer))
        buffer = []
        try handle.close()
    }
}
