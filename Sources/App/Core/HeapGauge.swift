/// `cordon_heap_in_use_bytes` and `cordon_heap_free_bytes` on `/metrics`: the allocator's own
/// count. The process's resident memory also holds free space the allocator keeps; with these an
/// operator (and `scripts/soak`) can tell a leak (in use grows) from free space (it does not).
/// The free count includes pages `MemoryTrimmer` already gave back (no longer resident).
enum HeapGauge {
    /// The gauges' lines, or nothing where the allocator does not count (not glibc).
    static func exposition(_ heap: ProcessMemory.Heap?) -> String {
        guard let heap else { return "" }
        return """
            # HELP cordon_heap_in_use_bytes Bytes the allocator has handed out and not had back, large blocks included.
            # TYPE cordon_heap_in_use_bytes gauge
            cordon_heap_in_use_bytes \(heap.inUse)
            # HELP cordon_heap_free_bytes Bytes free inside the allocator's arenas (pages of it given back by the trim are still counted).
            # TYPE cordon_heap_free_bytes gauge
            cordon_heap_free_bytes \(heap.free)

            """
    }
}
