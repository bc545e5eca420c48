import App
import ArgumentParser
import Domain
import Foundation
import HealthRules

/// `cordon bench status`: health statuses of a synthetic city, in memory and from a real store: a
/// full recompute of everyone, and the recompute after one new case with 50 contacts.
struct BenchStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Full and incremental health-status recompute times on a synthetic city (engine, and SQLite store).",
        discussion: "Of N residents, 1% have facts (0.1% cases, 0.5% contacts, 0.3% arrivals from a high-risk region, 0.1% with a fever), each with two weeks of check-ins; everyone else has none and is green. Measures (1) the pure engine over facts in memory, (2) `cordon status recompute`'s path on a fresh SQLite store in --work-dir: every fact table read, statuses computed on all cores, non-green ones written; and the refresh after a new case with 50 contacts (its exposures written, 51 statuses recomputed and stored).")

    @Option(help: "Residents of the synthetic city.")
    var residents = 10_000_000

    @Option(help: "Scratch directory for the SQLite store (default: a new folder under /tmp, removed afterwards).")
    var workDir: String?

    func run() async throws {
        let now = Date()
        let engine = StatusEngine(profile: .standard)
        print("generating facts for \(residents) residents")
        var g = SystemRandomNumberGenerator()
        var labs: [LabResult] = []
        var exposures: [ContactExposure] = []
        var arrivals: [Arrival] = []
        var checkIns: [CheckIn] = []
        var chosen = Set<Int>()
        while chosen.count < residents / 100 { chosen.insert(Int.random(in: 0..<residents, using: &g)) }
        for (k, p) in chosen.sorted().enumerated() {
            let person = "R" + String(format: "%08d", p)
            let start = now.addingTimeInterval(-Double(Int.random(in: 0..<14, using: &g)) * 86_400 - 3600)
            switch k % 10 {
            case 0: labs.append(LabResult(id: "L\(p)", person: person, sampledAt: start, result: .positive))
            case 1...5: exposures.append(ContactExposure(person: person, caseID: "CASE\(k % 97)", category: k % 10 < 4 ? .close : .secondary, lastExposure: start, place: "V1"))
            case 6...8: arrivals.append(Arrival(id: "A\(p)", person: person, from: "420100", arrivedAt: start))
            default: checkIns.append(CheckIn(person: person, at: start, temperature: 38.0))
            }
            checkIns += (0..<14).map { CheckIn(person: person, at: start.addingTimeInterval(Double($0) * 86_400 + 600), temperature: 36.6) }
        }
        print("facts: \(labs.count) positive tests, \(exposures.count) exposures, \(arrivals.count) arrivals, \(checkIns.count) check-ins")

        // (1) The engine alone, facts already grouped in memory.
        var rows = HealthFactRows()
        rows.labs = labs
        rows.exposures = exposures
        rows.arrivals = arrivals
        rows.checkIns = checkIns
        let clock = ContinuousClock()
        var memory: [HealthStatus] = []
        let engineTime = clock.measure { memory = StatusService.compute(rows, engine: engine, autoConfirm: true, at: now) }
        print(String(format: "engine, in memory     : %.3f s for %d people with facts (the other %d are green without a rule)",
            seconds(engineTime), memory.count, residents - memory.count))

        // (2) The store: load the facts, then recompute as `cordon status recompute` does.
        let dir = URL(fileURLWithPath: workDir ?? NSTemporaryDirectory() + "cordon-bench-status-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        defer { if workDir == nil { try? FileManager.default.removeItem(at: dir) } }
        try await CordonServices.withOpen(CordonSettings(dataDirectory: dir)) { services in
            let store = services.store
            let loadTime = try await clock.measure {
                for chunk in stride(from: 0, to: labs.count, by: 20_000) { _ = try await store.insertLabResults(Array(labs[chunk..<min(labs.count, chunk + 20_000)]), audit: nil) }
                for (caseID, list) in Dictionary(grouping: exposures, by: \.caseID) { try await store.replaceExposures(caseID: caseID, with: list, audit: nil) }
                for chunk in stride(from: 0, to: arrivals.count, by: 20_000) { _ = try await store.insertArrivals(Array(arrivals[chunk..<min(arrivals.count, chunk + 20_000)]), audit: nil) }
                for chunk in stride(from: 0, to: checkIns.count, by: 50_000) { try await store.insertCheckIns(Array(checkIns[chunk..<min(checkIns.count, chunk + 50_000)]), audit: nil) }
            }
            print(String(format: "facts written to SQLite: %.1f s", seconds(loadTime)))
            let statuses = services.statuses
            var counts: [HealthColour: Int] = [:]
            let full = try await clock.measure { counts = try await statuses.recomputeAll(residents: residents) }
            print(String(format: "full recompute, SQLite: %.3f s (%d red, %d yellow, %d green)", seconds(full), counts[.red] ?? 0, counts[.yellow] ?? 0, counts[.green] ?? 0))
            let again = try await clock.measure { counts = try await statuses.recomputeAll(residents: residents) }
            print(String(format: "full recompute, again : %.3f s (the same statuses rewritten; the history grows only on a change)", seconds(again)))

            // A new case with 50 contacts: the positive test and the exposures tracing found are written,
            // then the 51 statuses recomputed and stored.
            let newCase = "R" + String(format: "%08d", residents - 1)
            let contacts = (0..<50).map { "R" + String(format: "%08d", ($0 * 7919) % residents) }
            let incremental = try await clock.measure {
                _ = try await store.insertLabResults([LabResult(id: "L-NEW", person: newCase, sampledAt: now, result: .positive)], audit: nil)
                try await store.replaceExposures(
                    caseID: newCase, with: contacts.map { ContactExposure(person: $0, caseID: newCase, category: .close, lastExposure: now, place: "V1") }, audit: nil)
                try await statuses.refresh([newCase] + contacts)
            }
            let red = try await contacts.asyncCount { try await store.status(person: $0)?.colour == .red }
            print(String(format: "incremental, SQLite   : %.1f ms for 1 new case and 50 contacts (%d of 50 contacts red)", seconds(incremental) * 1000, red))
        }
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}

extension Array where Element: Sendable {
    func asyncCount(_ predicate: (Element) async throws -> Bool) async rethrows -> Int {
        var n = 0
        for e in self where try await predicate(e) { n += 1 }
        return n
    }
}
