import Domain

/// The contacts of a case in the public JSON contract of DESIGN §5 (`cordon trace --json`,
/// `GET /api/v1/cases/{id}/contacts`): ids as imported, times in RFC 3339.
public struct TraceReport: Sendable, Codable, Equatable {
    public var `case`: String
    public var window: Window
    public var contacts: [Contact]

    public struct Window: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
    }

    public struct Contact: Sendable, Codable, Equatable {
        public var person: String
        public var category: ContactCategory
        public var exposureMinutes: Int
        public var evidence: [Evidence]
        /// For secondary contacts, the contact through whom they were exposed.
        public var via: String?
    }

    public struct Evidence: Sendable, Codable, Equatable {
        public var place: String
        public var from: String
        public var to: String
    }

    public init(case person: String, window: TraceWindow, contacts: [CloseContact], index: TimelineIndex) {
        func time(_ m: UInt32) -> String { Timestamp.format(Int64(m) * 60) }
        self.case = person
        self.window = Window(from: time(window.from), to: time(window.to))
        self.contacts = contacts.map { c in
            Contact(
                person: index.people.name(of: c.person), category: c.category, exposureMinutes: c.exposureMinutes,
                // In time order, then by place id: the same answer however the index numbered places.
                evidence: c.evidence.map { (from: $0.from, place: index.places.name(of: $0.place), to: $0.to) }
                    .sorted { ($0.from, $0.place) < ($1.from, $1.place) }
                    .map { Evidence(place: $0.place, from: time($0.from), to: time($0.to)) },
                via: c.via.map { index.people.name(of: $0) })
        }
    }
}

extension ContactTracer {
    /// Traces a case by its facts and returns the contract form; nil when the index does not know the person.
    public func report(for facts: CaseFacts) -> TraceReport? {
        guard let p = index.people.number(of: facts.person) else { return nil }
        let window = TraceWindow(for: facts, rules: rules)
        return TraceReport(case: facts.person, window: window, contacts: contacts(of: p, window: window), index: index)
    }
}
