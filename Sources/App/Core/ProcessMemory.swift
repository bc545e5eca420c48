#if canImport(CMalloc)
import CMalloc
#endif

/// How the server's allocator hands memory back to the system.
///
/// The timeline index is rebuilt from time to time (`TimelineIndex.compact`), and a rebuild holds
/// a copy of every event (20 bytes each) besides the new arrays, for a moment. glibc serves blocks
/// that large with their own mappings and unmaps them when freed, but after the first such block is
/// freed it raises that threshold to the block's size (up to 32 MB), so the next rebuild's arrays
/// come from the heap, whose freed pages it keeps: the process's memory then ratchets up to the
/// largest rebuild seen (`scripts/soak`: 20 % over 25 minutes with the index itself growing 15 %).
/// A fixed threshold keeps every block over 1 MB in its own mapping, given back when it is freed.
public enum ProcessMemory {
    public static func returnLargeBlocksWhenFreed() {
        #if canImport(CMalloc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        #endif
    }
}
