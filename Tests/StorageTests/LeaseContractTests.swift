import Domain
import Foundation
import Synchronization
import Testing
import TestSupport

/// The background-work lease: one holder at a time, released when its work ends or is cancelled.
@Suite("Lease contract")
struct LeaseContractTests {
    @Test("a lease has one holder at a time; it is free again when the holder's work ends or is cancelled", arguments: Backend.available)
    func oneHolder(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        let store = fresh.store
        // Another instance on the same database: a lease is one holder across processes.
        let other = try await fresh.another()
        defer { Task { try await store.close(); try await other.close() } }
        let inside = Gate()
        let release = Gate()
        let holder = Task { try await store.withLease("work") { inside.open(); await release.wait() } }
        await inside.wait()
        // Held: another asks and is told no at once, its work not run.
        let ran = Atomic<Bool>(false)
        #expect(try await store.withLease("work") { ran.store(true, ordering: .relaxed) } == false)
        #expect(try await other.withLease("work") { ran.store(true, ordering: .relaxed) } == false)
        let didRun = ran.load(ordering: .relaxed)
        #expect(!didRun)
        // Another name is another lease.
        #expect(try await store.withLease("other") {})
        release.open()
        #expect(try await holder.value)
        #expect(try await other.withLease("work") {})

        // A holder cancelled (the server stopping, the lease lost) lets go too.
        let holding = Gate()
        let cancelled = Task { try await store.withLease("work") { holding.open(); try await Task.sleep(for: .seconds(3600)) } }
        await holding.wait()
        cancelled.cancel()
        _ = try? await cancelled.value
        // Free for the other instance too (the pooled connection gave the lock back).
        #expect(try await other.withLease("work") {})
        #expect(try await store.withLease("work") {})
    }
}
