import Domain

/// `cordon_store_memory_bytes` on `/metrics`: what the embedded database holds in this process.
/// SQLite's page caches fill up to their limit as a server reads more of the file, which an
/// operator (and `scripts/soak`) must be able to tell from a leak.
enum StoreMemoryGauge {
    /// The gauge's lines, or nothing when the database runs in a server of its own.
    static func exposition(of store: any CordonStore) -> String {
        guard let bytes = store.memoryBytes else { return "" }
        return """
            # HELP cordon_store_memory_bytes Bytes the embedded database (SQLite) holds in this process: page caches and statements.
            # TYPE cordon_store_memory_bytes gauge
            cordon_store_memory_bytes \(bytes)

            """
    }
}
