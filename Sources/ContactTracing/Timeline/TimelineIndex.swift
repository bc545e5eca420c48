import Domain

/// Every presence event of the retention window, in memory, in struct-of-arrays form: one array per
/// field, people and places as 32-bit numbers, times as minutes.
///
/// The *main* part is sorted by place and, within a place, by start time, which is what finding who
/// was somewhere at the same time needs; a second array lists each person's events by start time.
/// Events added since the last build wait in a small *recent* part with hash look-ups; when it grows
/// past a sixteenth of the main part, both are merged by `compact()`, an O(n) rebuild.
///
/// About 17 bytes per event: person, start and end (4 each), seat row (1), and the entry in the
/// person order (4), plus a few bytes per place and per person.
public struct TimelineIndex: Sendable {
    public internal(set) var people = Interner()
    public internal(set) var places = Interner()
    /// The kind of each place by number; nil for a place the index was never told about.
    var placeKinds: [PlaceKind?] = []
    /// Household of each person by number, or `noHousehold`.
    var householdOf: [UInt32] = []
    var households = Interner()
    static let noHousehold = UInt32.max
    /// Members of each household (offsets and members), rebuilt by `refreshHouseholds()`.
    var householdOffsets: [UInt32] = [0]
    var householdMembers: [UInt32] = []

    // Main part, sorted by (place, start).
    var placeOffsets: [UInt32] = [0]
    var person: [UInt32] = []
    var start: [UInt32] = []
    var end: [UInt32] = []
    var seat: [UInt8] = []
    /// The longest stay at each place in the main part: a scan for events overlapping a time only
    /// needs to start this long before it.
    var longestStay: [UInt32] = []
    var longestStayAnywhere: UInt32 = 0
    /// Each person's events (positions in the main part) by start time.
    var personOffsets: [UInt32] = [0]
    var personEvents: [UInt32] = []

    // Recent part.
    var recent: [TimelineEvent] = []
    var recentByPlace = RecentChains()
    var recentByPerson = RecentChains()

    public init() {}

    public var eventCount: Int { person.count + recent.count }

    /// Registers a resident and their household (tracing lists household members as contacts).
    public mutating func addPerson(_ id: String, household: String?) {
        let n = Int(people.intern(id))
        if householdOf.count <= n { householdOf.append(contentsOf: repeatElement(Self.noHousehold, count: n + 1 - householdOf.count)) }
        householdOf[n] = household.map { households.intern($0) } ?? Self.noHousehold
    }

    /// A self-declared record merged into the register's: its presence becomes the register's
    /// person's. False when `new` is already known (its events cannot be joined in place).
    public mutating func renamePerson(_ old: String, to new: String) -> Bool {
        people.rename(old, to: new)
    }

    /// Registers a place and its kind (which decides the rule that applies there).
    public mutating func addPlace(_ id: String, kind: PlaceKind) {
        let n = Int(places.intern(id))
        if placeKinds.count <= n { placeKinds.append(contentsOf: repeatElement(nil, count: n + 1 - placeKinds.count)) }
        placeKinds[n] = kind
    }

    public func kind(ofPlace n: UInt32) -> PlaceKind? { Int(n) < placeKinds.count ? placeKinds[Int(n)] : nil }

    /// Adds one presence event; a person or place the index does not know yet is registered.
    public mutating func add(person personID: String, place placeID: String, start: UInt32, end: UInt32, seatRow: Int?) {
        let p = people.intern(personID)
        if householdOf.count <= Int(p) { householdOf.append(contentsOf: repeatElement(Self.noHousehold, count: Int(p) + 1 - householdOf.count)) }
        let q = places.intern(placeID)
        if placeKinds.count <= Int(q) { placeKinds.append(contentsOf: repeatElement(nil, count: Int(q) + 1 - placeKinds.count)) }
        add(TimelineEvent(person: p, place: q, start: start, end: max(start, end), seatRow: UInt8(clamping: seatRow ?? 0)))
    }

    /// Adds one event of already registered numbers.
    public mutating func add(_ event: TimelineEvent) {
        let i = UInt32(recent.count)
        recent.append(event)
        recentByPlace.append(i, key: event.place)
        recentByPerson.append(i, key: event.person)
        if recent.count >= max(65_536, person.count / 16) { compact() }
    }

    /// Merges the recent part into the main part.
    public mutating func compact() {
        guard !recent.isEmpty else { return }
        rebuild(keeping: { _ in true })
    }

    /// Drops every event that ended before `minute` (the retention window); returns how many.
    @discardableResult
    public mutating func removeEvents(endedBefore minute: UInt32) -> Int {
        let before = eventCount
        rebuild(keeping: { $0.end >= minute })
        // The chains keep their storage for a recent part as large as the last; after the window
        // shrank the next one may be much smaller.
        recentByPlace = RecentChains()
        recentByPerson = RecentChains()
        return before - eventCount
    }

    /// Rebuilds the household member lists after people were added.
    public mutating func refreshHouseholds() {
        var counts = [UInt32](repeating: 0, count: households.count + 1)
        for h in householdOf where h != Self.noHousehold { counts[Int(h) + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var cursor = counts
        var members = [UInt32](repeating: 0, count: Int(counts.last ?? 0))
        for (p, h) in householdOf.enumerated() where h != Self.noHousehold {
            members[Int(cursor[Int(h)])] = UInt32(p)
            cursor[Int(h)] += 1
        }
        householdOffsets = counts
        householdMembers = members
    }

    /// The other members of a person's household.
    public func householdMembers(of p: UInt32) -> [UInt32] {
        guard Int(p) < householdOf.count else { return [] }
        let h = householdOf[Int(p)]
        guard h != Self.noHousehold, Int(h) + 1 < householdOffsets.count else { return [] }
        return householdMembers[Int(householdOffsets[Int(h)])..<Int(householdOffsets[Int(h) + 1])].filter { $0 != p }
    }

    /// Approximate bytes held by the event arrays (not the id strings).
    public var eventBytes: Int {
        person.capacity * 4 + start.capacity * 4 + end.capacity * 4 + seat.capacity + personEvents.capacity * 4
            + placeOffsets.capacity * 4 + longestStay.capacity * 4 + personOffsets.capacity * 4 + recent.capacity * 20
    }

    /// Approximate bytes of the whole index: the event arrays, the recent part's chains by place and
    /// by person, the households, and the interned ids (a bucket and a name each; ids up to 15 bytes
    /// live inside the string, longer ones add their length).
    public var memoryBytes: Int {
        let recentTables = recentByPlace.approximateBytes + recentByPerson.approximateBytes
        let householdArrays = householdOf.capacity * 4 + householdOffsets.capacity * 4 + householdMembers.capacity * 4 + placeKinds.capacity
        return eventBytes + recentTables + householdArrays + people.approximateBytes + places.approximateBytes + households.approximateBytes
    }
}
