import ServiceLifecycle

/// Waits between two rounds of a background loop, and stops waiting the moment the server shuts
/// down (a plain sleep held a shutdown back for up to a minute).
func pauseUnlessShuttingDown(for duration: Duration) async {
    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
}
