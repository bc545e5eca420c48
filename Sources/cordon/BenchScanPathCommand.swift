import App
import ArgumentParser
import Domain
import Foundation
import Glibc

/// `cordon bench scan-path`: a checkpoint scan without HTTP. The codes of a `cordon bench
/// scan-codes` file go through the scan service as the API's handler calls it (verification, the
/// sealed subject, the durable group commit, the tally, the timeline), from many callers at once,
/// so that `scripts/bench-checkpoint` can split a single scan's CPU between the scan and HTTP.
struct BenchScanPathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan-path",
        abstract: "Scan every code of a scan-codes file once through the scan service, without HTTP; print scans/s and CPU a scan.",
        discussion: """
            The file is what `cordon bench scan-codes` writes (token, checkpoint ids, one code a line), used right after \
            (codes live minutes). Each code is scanned once at the checkpoints in turn, by --callers concurrent callers \
            (as many requests as a server answers at once), as the operator the token belongs to; every valid code is \
            stored durably before its caller goes on. Run it with no server on the same data directory.
            """)

    @Option(help: "A file written by `cordon bench scan-codes` (without --queues).") var codes: String
    @Option(help: "How many scans are under way at once.") var callers = 64
    @OptionGroup var store: StoreOptions

    func run() async throws {
        guard callers > 0 else { throw ValidationError("--callers must be positive") }
        let lines: [String]
        do {
            lines = try String(contentsOfFile: codes, encoding: .utf8).split(separator: "\n").map(String.init)
        } catch {
            throw ValidationError("--codes \(codes): \(error.localizedDescription)")
        }
        guard lines.count > 2 else { throw ValidationError("--codes \(codes): expected a token, checkpoint ids and codes (cordon bench scan-codes)") }
        let places = lines[1].split(separator: ",").map(String.init)
        let texts = Array(lines.dropFirst(2))
        guard !places.isEmpty, !texts.contains(where: { $0.contains(",") }) else {
            throw ValidationError("--codes \(codes): line 2 must list checkpoint ids and every later line be one code (a --queues file is not taken)")
        }
        try await store.withServices { services in
            guard let principal = try await services.accounts.principal(bearer: lines[0]) else {
                throw ValidationError("--codes \(codes): line 1 is no valid token of this data directory")
            }
            let started = Shell.startClock()
            let cpuBefore = Self.processCPU()
            let recorded = try await withThrowingTaskGroup(of: Int.self) { group in
                for caller in 0..<callers {
                    group.addTask {
                        var stored = 0
                        for i in stride(from: caller, to: texts.count, by: callers) {
                            let verdict = try await services.scans.scan(texts[i], at: places[i % places.count], by: principal)
                            if verdict.recorded { stored += 1 }
                        }
                        return stored
                    }
                }
                return try await group.reduce(0, +)
            }
            let seconds = Date().timeIntervalSince(started)
            let cpu = Self.processCPU() - cpuBefore
            print(String(format: "scan path without HTTP: %d scans, %d recorded, %.0f /s, %.1f us of CPU a scan (%d callers)",
                         texts.count, recorded, Double(texts.count) / seconds, cpu * 1e6 / Double(texts.count), callers))
            // Each code once, all stored: otherwise the figure is not a scan's.
            guard recorded == texts.count else {
                FileHandle.standardError.write(Data(
                    "bench scan-path: \(texts.count - recorded) of \(texts.count) codes were not recorded (expired, refused or scanned before): sign new codes right before the run\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    /// User and system CPU seconds of this process so far.
    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
