import Logging
import ServiceLifecycle

/// Hands the allocator's free pages back to the system every `interval` (`ProcessMemory`): without
/// it a server's memory ratchets up with each burst of short-lived allocations (the timeline's
/// rebuilds free hundreds of thousands of small blocks at once) although nothing more is in use.
public struct MemoryTrimmer: Service {
    let interval: Duration
    let logger: Logger

    public init(interval: Duration = .seconds(10), logger: Logger) {
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while true {
            await pauseUnlessShuttingDown(for: interval)
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { return }
            let took = ContinuousClock().measure { ProcessMemory.returnFreePages() }
            logger.debug("memory: free pages returned to the system in \(took)")
        }
    }
}
