import Domain
import Testing

@Suite("Gate")
struct GateTests {
    @Test("waiters pass once the gate opens; after that nobody waits; a cancelled waiter stops waiting")
    func gate() async throws {
        let gate = Gate()
        let passed = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { await gate.wait(); await passed.add() } }
            try? await Task.sleep(for: .milliseconds(50))
            #expect(await passed.value == 0)
            gate.open()
        }
        #expect(await passed.value == 5)
        await gate.wait()  // open already: returns at once

        let closed = Gate()
        let waiter = Task { await closed.wait() }
        waiter.cancel()
        await waiter.value  // returns although the gate never opened
    }
}

private actor Counter {
    var value = 0
    func add() { value += 1 }
}
