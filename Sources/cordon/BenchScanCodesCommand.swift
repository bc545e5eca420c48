import App
import ArgumentParser
import Credentials
import Domain
import Foundation
import Privacy

/// `cordon bench scan-codes`: the load for `scripts/bench-checkpoint`. Real codes signed with the
/// data directory's active key, one per scan so that every request verifies a signature it has not
/// seen and records a new presence event (no cache can answer), plus a bearer token for the demo
/// checkpoint operator and the checkpoints of their jurisdiction.
struct BenchScanCodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan-codes",
        abstract: "Write signed health codes, a checkpoint operator token and checkpoint ids for scripts/bench-checkpoint.",
        discussion: """
            The file has the token on line 1, the checkpoint ids (comma-separated) on line 2 and one code per line after. \
            Codes live profile credentials.phoneLifetimeSeconds (5 minutes by default): run the load right after. \
            With --queues each line is CODE,PLACE,SCANNEDAT instead: gates' offline queues, every block of --batch \
            lines one gate's scans in the order it made them, --spacing seconds apart, the last a minute ago, each code \
            issued 30 seconds before its scan (valid when scanned; most have expired by the upload, as a queue's codes have).
            """)

    @Option(help: "How many codes (one per scan).") var count = 300_000
    @Option(help: "How many residents the codes cycle over.") var residents = 50_000
    @Option(help: "Where to write the codes.") var out: String
    @Flag(help: "Write gates' offline queues (CODE,PLACE,SCANNEDAT lines), one gate a block of --batch lines, over every checkpoint.")
    var queues = false
    @Option(help: "With --queues: the scans of one upload (a block of lines, one gate).") var batch = 100
    @Option(help: "With --queues: seconds between two scans at one gate.") var spacing = 3
    @OptionGroup var store: StoreOptions

    func run() async throws {
        guard count > 0, residents > 0, batch > 0, spacing > 0 else {
            throw ValidationError("--count, --residents, --batch and --spacing must be positive")
        }
        try await store.withServices { services in
            guard let operatorAccount = try await services.store.accounts().first(where: { $0.role == .checkpointOperator }) else {
                throw ValidationError("no checkpoint operator account in this data directory (run `cordon demo` first)")
            }
            let token = try await services.accounts.createToken(for: operatorAccount, label: "bench-checkpoint", actor: "cli:bench")
            var checkpoints: [String] = []
            for (id, kind) in try await services.store.placeKinds().sorted(by: { $0.key < $1.key }) where kind == .checkpoint {
                guard let path = try await services.checkpoints.checkpoint(id)?.areaPath else { continue }
                guard AreaPath(operatorAccount.jurisdictionPath).contains(AreaPath(path)) else { continue }
                checkpoints.append(id)
            }
            guard !checkpoints.isEmpty else { throw ValidationError("no checkpoint in the operator's jurisdiction") }

            var people: [String] = []
            var after: String? = nil
            while people.count < residents {
                let page = try await services.store.residentHouseholds(after: after, limit: min(10_000, residents - people.count))
                guard let last = page.last else { break }
                people += page.map(\.resident)
                after = last.resident
            }
            guard !people.isEmpty else { throw ValidationError("no residents in this data directory") }

            let now = services.clock.now()
            let (kid, key) = try services.signingKeys.activeKey(now: now)
            let rules = services.profiles.profile.credentials
            let colours = ["green", "green", "green", "yellow", "red"]
            var lines = [token, checkpoints.joined(separator: ",")]
            lines.reserveCapacity(count + 2)
            var random = SystemRandomNumberGenerator()
            let plan = queues ? try GateQueues(count: count, gates: checkpoints.count, batch: batch, spacing: spacing, now: now, windowHours: rules.offlineWindowHours) : nil
            for i in 0..<count {
                let person = people[i % people.count]
                // Sealed as `cordon code` seals it; the masked name is made up (no read per code here).
                let subject = try services.vault.seal(CodeSubject(person: person, maskedName: "张*"))
                let id = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
                let scan = plan?.scan(i)
                let issued = scan.map { $0.at.addingTimeInterval(-30) } ?? now
                let text = try HealthCredential(
                    issuer: rules.issuer, keyID: kid, colour: colours[i % colours.count], subject: subject, issuedAt: issued,
                    expiresAt: issued.addingTimeInterval(Double(rules.phoneLifetimeSeconds)), id: id, kind: "phone"
                ).signed(with: key)
                if let scan {
                    lines.append("\(text),\(checkpoints[scan.gate]),\(Timestamp.format(scan.at))")
                } else {
                    lines.append(text)
                }
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
            print("\(count) codes for \(people.count) residents, \(checkpoints.count) checkpoints → \(out)")
        }
    }
}

/// When and where each scan of gates' offline queues was made: block b of `batch` scans is gate
/// b mod G's (b div G)-th upload, its scans `spacing` seconds apart; no scan later than a minute
/// before now, none outside the offline window.
struct GateQueues {
    let gates: Int, batch: Int, spacing: Int
    let start: Date

    init(count: Int, gates: Int, batch: Int, spacing: Int, now: Date, windowHours: Int) throws {
        let blocks = (count + batch - 1) / batch
        let perGate = (blocks + gates - 1) / gates * batch
        let span = TimeInterval(perGate * spacing + 60)
        guard span < TimeInterval(windowHours * 3600) else {
            throw ValidationError("the queues span \(Int(span)) s, beyond the offline window of \(windowHours) h: fewer codes, more gates or a shorter --spacing")
        }
        (self.gates, self.batch, self.spacing) = (gates, batch, spacing)
        start = now.addingTimeInterval(-span)
    }

    func scan(_ i: Int) -> (gate: Int, at: Date) {
        let block = i / batch
        let nth = (block / gates) * batch + i % batch
        return (block % gates, start.addingTimeInterval(TimeInterval(nth * spacing)))
    }
}
