import ArgumentParser
import Domain
import Foundation
import HealthRules

/// `cordon bench status`: the status engine over a synthetic city: a full recompute of everyone, and
/// the incremental recompute after one new case with 50 contacts.
struct BenchStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Full and incremental health-status recompute times on a synthetic city.",
        discussion: "Of N residents, 1% have facts (0.1% cases, 0.5% contacts, 0.3% arrivals from a high-risk region, 0.1% with a fever), each with two weeks of check-ins; everyone else has none and is green. The full recompute evaluates every resident on all cores; the incremental one, after a new case with 50 contacts, only those 51 people.")

    @Option(help: "Residents of the synthetic city.")
    var residents = 10_000_000

    func run() throws {
        let now = Date(timeIntervalSince1970: 1_763_000_000)
        let engine = StatusEngine(profile: .standard)
        print("generating facts for \(residents) residents")
        var facts: [Int: PersonFacts] = [:]
        var g = SystemRandomNumberGenerator()
        let withFacts = residents / 100
        facts.reserveCapacity(withFacts)
        for _ in 0..<withFacts {
            let p = Int.random(in: 0..<residents, using: &g)
            var f = PersonFacts(person: "R\(p)")
            let kind = Int.random(in: 0..<10, using: &g)
            let start = now.addingTimeInterval(-Double(Int.random(in: 0..<14, using: &g)) * 86_400)
            switch kind {
            case 0: f.caseFacts = CaseFacts(person: f.person, status: .confirmed, firstPositiveSample: start)
            case 1...5: f.exposures = [ContactExposure(person: f.person, caseID: "C", category: kind < 4 ? "close" : "secondary", lastExposure: start)]
            case 6...8: f.arrivals = [Arrival(id: "A\(p)", person: f.person, from: "420100", arrivedAt: start)]
            default: f.checkIns = [CheckIn(person: f.person, at: start, temperature: 38.0)]
            }
            f.checkIns += (0..<14).map { CheckIn(person: f.person, at: start.addingTimeInterval(Double($0) * 86_400 + 3600), temperature: 36.6) }
            facts[p] = f
        }
        let dense = (0..<residents).map { facts[$0] }
        facts = [:]

        let clock = ContinuousClock()
        let parts = 64
        let counts = Counts(parts: parts)
        let full = clock.measure {
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var local = [0, 0, 0]
                let lo = part * residents / parts
                let hi = (part + 1) * residents / parts
                for i in lo..<hi {
                    guard let f = dense[i] else {
                        local[0] += 1  // no facts: green without evaluating a rule
                        continue
                    }
                    switch engine.status(f, at: now).colour {
                    case .green: local[0] += 1
                    case .yellow: local[1] += 1
                    case .red: local[2] += 1
                    }
                }
                counts.add(part, local)
            }
        }
        let total = counts.sum()
        print(String(format: "full recompute       : %.3f s for %d residents (%d green, %d yellow, %d red)", seconds(full), residents, total[0], total[1], total[2]))

        // A new case: the case and 50 contacts get new facts; only they are evaluated again.
        var changed: [PersonFacts] = []
        var case0 = PersonFacts(person: "NEW-CASE", caseFacts: CaseFacts(person: "NEW-CASE", status: .confirmed, firstPositiveSample: now))
        case0.checkIns = []
        changed.append(case0)
        for k in 0..<50 {
            var f = dense[(k * 7919) % residents] ?? PersonFacts(person: "R\((k * 7919) % residents)")
            f.exposures.append(ContactExposure(person: f.person, caseID: "NEW-CASE", category: k < 35 ? "close" : "household", lastExposure: now, place: "V1"))
            changed.append(f)
        }
        var statuses: [HealthStatus] = []
        var runs: [Double] = []
        for _ in 0..<11 {
            runs.append(seconds(clock.measure { statuses = changed.map { engine.status($0, at: now) } }) * 1000)
        }
        let first = runs[0]
        let median = runs.dropFirst().sorted()[5]
        print(String(format: "incremental recompute: %.3f ms for 1 new case and 50 contacts (%d red); first run %.3f ms", median, statuses.filter { $0.colour == .red }.count, first))
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}

/// Per-part counts of colours, joined after a parallel loop.
final class Counts: @unchecked Sendable {
    private var parts: [[Int]]
    private let lock = NSLock()

    init(parts: Int) { self.parts = Array(repeating: [0, 0, 0], count: parts) }

    func add(_ part: Int, _ values: [Int]) {
        lock.lock()
        parts[part] = values
        lock.unlock()
    }

    func sum() -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        return parts.reduce([0, 0, 0]) { [$0[0] + $1[0], $0[1] + $1[1], $0[2] + $1[2]] }
    }
}
