import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal and at most
/// ten times a second, so piping output to a file stays clean.
final class ProgressBar {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastDraw = Date.distantPast
    private let started = Date()

    init(_ label: String) { self.label = label }

    /// `done` of `total` (units are whatever the caller counts: bytes, records).
    func update(done: Int, total: Int, records: Int? = nil) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
        lastDraw = Date()
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let count = records ?? done
        let rate = Double(count) / max(0.001, Date().timeIntervalSince(started))
        let line = String(format: "\r%@ %@ %3.0f%%  %d records  %.0f/s ", label, bar, fraction * 100, count, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
