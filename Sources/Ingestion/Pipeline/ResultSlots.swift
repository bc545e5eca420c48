import Foundation

/// Results of work split across threads: each part writes only its own slot, under a lock, and
/// the parts are joined back in order.
public final class ResultSlots<Element>: @unchecked Sendable {
    private var slots: [[Element]]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: [], count: count) }

    public func store(_ part: Int, _ values: [Element]) {
        lock.lock()
        slots[part] = values
        lock.unlock()
    }

    public func joined() -> [Element] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
