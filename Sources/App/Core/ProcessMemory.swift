#if canImport(CMalloc)
import CMalloc
#endif

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
/// at once. `MemoryTrimmer` does that every 10 s.
public enum ProcessMemory {
    public static func returnLargeBlocksWhenFreed() {
        #if canImport(CMalloc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
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
