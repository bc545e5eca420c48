/// One contact of a case, with the co-presence that makes them one.
public struct CloseContact: Sendable, Equatable {
    public var person: UInt32
    public var category: ContactCategory
    /// Minutes of overlap that count for the category (for household members: any co-presence found).
    public var exposureMinutes: Int
    /// Where and when the overlap happened, per place, as merged intervals of minutes.
    public var evidence: [Exposure]
    /// For secondary contacts: the close or household contact through whom they were exposed.
    public var via: UInt32?
}

/// An interval of overlap at one place, in index minutes.
public struct Exposure: Sendable, Equatable {
    public var place: UInt32
    public var from: UInt32
    public var to: UInt32
}
