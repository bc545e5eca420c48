/// Maps string ids (residents, places) to dense 32-bit numbers and back, so the index stores four
/// bytes per reference instead of a string.
public struct Interner: Sendable {
    private var numbers: [String: UInt32] = [:]
    public private(set) var names: [String] = []
    /// Characters of the ids longer than a string holds inline (15 bytes), kept for `approximateBytes`.
    private var longNameBytes = 0

    public init() {}

    public var count: Int { names.count }

    /// The number of `name`, assigning the next one if it is new.
    public mutating func intern(_ name: String) -> UInt32 {
        if let n = numbers[name] { return n }
        let n = UInt32(names.count)
        numbers[name] = n
        names.append(name)
        longNameBytes += Self.outOfLineBytes(name)
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
        longNameBytes += Self.outOfLineBytes(new) - Self.outOfLineBytes(old)
        return true
    }

    public func name(of number: UInt32) -> String { names[Int(number)] }

    /// Approximate bytes held: a hash bucket (key and number) and a name per id, plus the
    /// characters of ids too long to be stored inside the string.
    var approximateBytes: Int {
        numbers.capacity * 20 + names.capacity * 16 + longNameBytes
    }

    private static func outOfLineBytes(_ name: String) -> Int {
        name.utf8.count > 15 ? name.utf8.count : 0
    }

    public mutating func reserveCapacity(_ n: Int) {
        numbers.reserveCapacity(n)
        names.reserveCapacity(n)
    }
}
