import Foundation

/// Yields the lines of a file or a request body one at a time, reading 1 MiB at a time, so
/// memory stays flat however large the file is.
final class LineSource {
    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var start = 0
    private var exhausted: Bool
    private(set) var lineNumber = 0
    /// Bytes handed out so far, for progress.
    private(set) var bytesConsumed = 0
    let totalBytes: Int

    static let chunkSize = 1 << 20

    init(path: String) throws(ImportFailure) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        self.handle = handle
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        self.totalBytes = size
        self.buffer = []
        self.buffer.reserveCapacity(Self.chunkSize * 2)
        self.exhausted = false
    }

    init(bytes: [UInt8]) {
        self.handle = nil
        self.buffer = bytes
        self.totalBytes = bytes.count
        self.exhausted = true
    }

    deinit { try? handle?.close() }

    /// Calls `body` with the next line (without its line terminator), or returns false at the end.
    func nextLine<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        while true {
            if let newline = nextNewline() {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let lineStart = start
                start = newline + 1
                lineNumber += 1
                bytesConsumed += newline + 1 - lineStart
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lineStart..<end])) }
            }
            if exhausted {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let lineStart = start
                bytesConsumed += buffer.count - start
                start = buffer.count
                lineNumber += 1
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lineStart..<end])) }
            }
            refill()
        }
    }

    /// The next line end from `start` (memchr: the generic search was a tenth of the serial reading).
    private func nextNewline() -> Int? {
        buffer.withUnsafeBufferPointer { b in
            guard start < b.count, let base = b.baseAddress, let hit = memchr(base + start, 0x0A, b.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func refill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let chunk = (try? handle?.read(upToCount: Self.chunkSize)) ?? nil
        if let chunk, !chunk.isEmpty {
            buffer.append(contentsOf: chunk)
        } else {
            exhausted = true
        }
    }
}
