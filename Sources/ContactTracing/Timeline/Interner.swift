/// Maps string ids (residents, places) to dense 32-bit numbers and back, so the index stores four
/// bytes per reference instead of a string.
public struct Interner: Sendable {
    private var numbers: [String: UInt32] = [:]
    public private(set) var names: [String] = []

    public init() {}

    public var count: Int { names.count }

    /// The number of `name`, assigning the next one if it is new.
    public mutating func intern(_ name: String) -> UInt32 {
        if let n = numbers[name] { return n }
        let n = UInt32(names.count)
        numbers[name] = n
        names.append(name)
        return n
    }

    public func number(of name: String) -> UInt32? { numbers[name] }

    /// Gives `old`'s number to `new` (a record merged into another): what was `old`'s is now
    /// `new`'s. False, changing nothing, when `old` is unknown or `new` already has a number.
    public mutating func rename(_ old: String, to new: String) -> Bool {
        guard let n = numbers[old], numbers[new] == nil else { return false }
        numbers[old] = nil
        numbers[new] = n
        names[Int(n)] = new
        return true
    }

    public func name(of number: UInt32) -> String { names[Int(number)] }

    public mutating func reserveCapacity(_ n: Int) {
        numbers.reserveCapacity(n)
        names.reserveCapacity(n)
    }
}
