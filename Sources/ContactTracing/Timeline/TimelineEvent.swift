/// One presence event in index form: 17 bytes of numbers. Used to add events and to build; the
/// index itself keeps the fields in separate arrays.
public struct TimelineEvent: Sendable, Equatable {
    public var person: UInt32
    public var place: UInt32
    public var start: UInt32
    public var end: UInt32
    /// Seat row on a vehicle, 0 when unknown (rows above 255 are stored as 255).
    public var seatRow: UInt8

    public init(person: UInt32, place: UInt32, start: UInt32, end: UInt32, seatRow: UInt8 = 0) {
        self.person = person
        self.place = place
        self.start = start
        self.end = end
        self.seatRow = seatRow
    }
}
