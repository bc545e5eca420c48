#if canImport(CMalloc)
import CMalloc
#endif
import Foundation

/// How the server's allocator hands memory back to the system.
///
/// The timeline index is rebuilt from time to time (`TimelineIndex.compact`), and a rebuild holds
/// its old and new arrays together for a moment, megabytes to gigabytes each. glibc serves blocks
/// that large with their own mappings and unmaps them when freed, but after the first such block is
/// freed it raises that threshold to the block's size (up to 32 MB), so the next rebuild's arrays
/// come from the heap, whose freed pages it keeps: the process's memory then ratchets up with the
/// rebuilds (`scripts/soak`, BENCHMARKS.md: memory besides the index +23 % in 25 minutes; with the
/// fixed threshold +8.7 %, and 40 % less memory overall). A fixed threshold keeps every block over
/// 1 MB in its own mapping, given back when it is freed.
///
/// Smaller blocks come from glibc's arenas (up to eight per core), which hand back only the free
/// space at their top: pages freed in the middle stay with the process. A soak's server held 344 MB
/// of arena memory of which 162 MB were in use; `malloc_trim(0)` from a debugger gave 147 MB back
/// at once. `MemoryTrimmer` does that every 10 s. Even trimmed, free space shared by pages that
/// still hold a live block stays, in every arena; one arena per core instead of eight keeps that
/// to a few and lets a page freed by one thread be reused by the next.
public enum ProcessMemory {
    /// Large blocks in their own mappings, and one arena per core. Called first thing in `serve`,
    /// before the threads that allocate are started. An arena limit the operator set
    /// (`MALLOC_ARENA_MAX`, or `arena_max` in `GLIBC_TUNABLES`) is left as set.
    public static func configureAllocator() {
        #if canImport(CMalloc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        let environment = ProcessInfo.processInfo.environment
        if environment["MALLOC_ARENA_MAX"] == nil, !(environment["GLIBC_TUNABLES"] ?? "").contains("arena_max") {
            _ = mallopt(M_ARENA_MAX, Int32(clamping: max(2, ProcessInfo.processInfo.activeProcessorCount)))
        }
        #endif
    }

    /// What the allocator holds: in use (blocks and own mappings), and free inside its arenas.
    public struct Heap: Sendable {
        public var inUse: Int
        public var free: Int
    }

    /// The allocator's own count, over all arenas (nil where it is not glibc's).
    public static func heap() -> Heap? {
        #if canImport(CMalloc)
        let info = mallinfo2()
        return Heap(inUse: Int(info.uordblks) + Int(info.hblkhd), free: Int(info.fordblks))
        #else
        return nil
        #endif
    }

    /// Gives the free pages inside every arena back to the system (they stay mapped, and cost
    /// nothing until used again).
    public static func returnFreePages() {
        #if canImport(CMalloc)
        _ = malloc_trim(0)
        #endif
    }
}
