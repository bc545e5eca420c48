import Foundation

/// Something a feed says about where a person was on a day, to hold against what they declared
/// when applying for a code.
public struct FeedEvidence: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The arrivals feed (a train, a flight, a checkpoint on the city's edge): `detail` is the region code.
        case arrival
        /// A presence record in the city: `detail` is the place id.
        case presence
        /// A sample taken at one of the city's labs: `detail` is the lab as the feed names it.
        case lab
    }

    public var kind: Kind
    public var day: CalendarDate
    public var detail: String

    public init(_ kind: Kind, day: CalendarDate, detail: String) {
        (self.kind, self.day, self.detail) = (kind, day, detail)
    }
}

/// What the feeds say against a declaration, kept as codes (the page words them in the reader's
/// language): `arrival|REGION|DAY`, `presence|DAY|DECLARED-ARRIVAL|PLACE`, `lab|DAY|DECLARED-ARRIVAL|LAB`.
public struct DeclarationConflict: Sendable, Equatable, CustomStringConvertible {
    public var evidence: FeedEvidence
    /// The arrival day they declared; nil for an arrival they left out.
    public var declaredArrival: CalendarDate?

    public init(evidence: FeedEvidence, declaredArrival: CalendarDate?) {
        (self.evidence, self.declaredArrival) = (evidence, declaredArrival)
    }

    public var stored: String {
        switch evidence.kind {
        case .arrival: "arrival|\(evidence.detail)|\(evidence.day)"
        case .presence, .lab: "\(evidence.kind.rawValue)|\(evidence.day)|\(declaredArrival?.description ?? "")|\(evidence.detail)"
        }
    }

    /// Nil for text in no known form (written before conflicts were kept as codes).
    public init?(stored: String) {
        let parts = stored.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "arrival" where parts.count == 3:
            guard let day = CalendarDate(iso: parts[2]) else { return nil }
            self.init(evidence: FeedEvidence(.arrival, day: day, detail: parts[1]), declaredArrival: nil)
        case "presence" where parts.count == 4, "lab" where parts.count == 4:
            guard let kind = FeedEvidence.Kind(rawValue: parts[0]), let day = CalendarDate(iso: parts[1]), let arrived = CalendarDate(iso: parts[2]) else { return nil }
            self.init(evidence: FeedEvidence(kind, day: day, detail: parts[3]), declaredArrival: arrived)
        default:
            return nil
        }
    }

    public var description: String {
        switch evidence.kind {
        case .arrival: "arrival from \(evidence.detail) on \(evidence.day)"
        case .presence: "in the city at \(evidence.detail) on \(evidence.day), before the declared arrival on \(declaredArrival?.description ?? "?")"
        case .lab: "sampled at \(evidence.detail) on \(evidence.day), before the declared arrival on \(declaredArrival?.description ?? "?")"
        }
    }
}

extension Registration {
    /// The day they declared, in the city's calendar.
    public func declaredOn(offsetMinutes: Int) -> CalendarDate { CalendarDate(localDayOf: createdAt, offsetMinutes: offsetMinutes) }

    /// What the feeds say against this declaration (the latest such fact), nil when nothing does.
    /// A worker checks it; it never changes a colour by itself.
    ///
    /// - An arrival in the 14 days before they declared, from another region than the one
    ///   declared (or any, when they declared no travel).
    /// - With a declared arrival on day A: presence in the city, or a sample taken at one of its
    ///   labs, in the 14 days before A — they were here when they say they were away.
    public func contradiction(with evidence: [FeedEvidence], offsetMinutes: Int) -> DeclarationConflict? {
        let declared = declaredOn(offsetMinutes: offsetMinutes).daysSinceEpoch
        let window = CodeApplication.travelWindowDays
        let found = evidence.filter { e in
            switch e.kind {
            case .arrival:
                let before = declared - e.day.daysSinceEpoch
                return (0...window).contains(before) && e.detail != fromRegion
            case .presence, .lab:
                guard let arrived = arrivedOn?.daysSinceEpoch else { return false }
                return (1...window).contains(arrived - e.day.daysSinceEpoch)
            }
        }
        guard let latest = found.max(by: { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) }) else { return nil }
        return DeclarationConflict(evidence: latest, declaredArrival: latest.kind == .arrival ? nil : arrivedOn)
    }

    /// Whether the feeds are still worth holding against it: a declaration speaks of the 14 days
    /// before it, and of nothing after.
    public func isOpenToEvidence(today: CalendarDate, offsetMinutes: Int) -> Bool {
        kind != .claim && conflict == nil && today.daysSinceEpoch - declaredOn(offsetMinutes: offsetMinutes).daysSinceEpoch <= CodeApplication.travelWindowDays
    }
}
