import App
import Foundation
import Testing

#if canImport(Glibc)
import Glibc

/// `serve` hands the allocator's free pages back to the system (`MemoryTrimmer`); without that a
/// server's memory only grows (`scripts/soak`).
@Suite("process memory")
struct ProcessMemoryTests {
    @Test("memory freed in the middle of the heap goes back to the system")
    func freePagesReturned() throws {
        let blocks = 100_000, size = 1_024
        var pointers: [UnsafeMutableRawPointer] = []
        pointers.reserveCapacity(blocks)
        for _ in 0..<blocks {
            let p = try #require(malloc(size))
            memset(p, 1, size)
            pointers.append(p)
        }
        // A block after them keeps the freed ones from being the heap's top (which glibc returns by itself).
        let pin = try #require(malloc(size))
        for p in pointers { free(p) }
        let held = try Self.anonymousKB()
        ProcessMemory.returnFreePages()
        let after = try Self.anonymousKB()
        free(pin)
        // 100 MB were freed; at least half of it must leave the process.
        #expect(held - after >= 50_000, "anonymous memory \(held) kB before returning free pages, \(after) kB after")
    }

    /// What `/metrics` reports as the heap in use must follow blocks in and out, or the soak
    /// could not tell a leak from free space.
    @Test("the heap in use counts blocks held and not those freed")
    func heapInUse() throws {
        let before = try #require(ProcessMemory.heap())
        var pointers: [UnsafeMutableRawPointer] = []
        for _ in 0..<20_000 {
            let p = try #require(malloc(1_024))
            memset(p, 1, 1_024)
            pointers.append(p)
        }
        let held = try #require(ProcessMemory.heap())
        for p in pointers { free(p) }
        let after = try #require(ProcessMemory.heap())
        // 20 MB held (other tests allocate meanwhile: a margin of a quarter).
        #expect(held.inUse - before.inUse >= 15_000_000)
        #expect(held.inUse - after.inUse >= 15_000_000)
    }

    static func anonymousKB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }
}
#endif
