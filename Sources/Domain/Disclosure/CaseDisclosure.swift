import Foundation

/// A case as the public sees it (公布病例情况): sex, ten-year age band, residential compound and the
/// public places on its trajectory with their time windows; never a name, identity number, phone
/// or home address. Drafted from the data, published only once an epidemiologist approves it.
public struct CaseDisclosure: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    /// The public case number (病例N), in the order disclosures were drafted.
    public var number: Int
    public var sex: Sex
    public var ageBand: String
    public var compound: String?
    public var compoundID: String?
    public var latitude: Double?
    public var longitude: Double?
    public var district: String?
    public var confirmedOn: CalendarDate
    public var trajectory: [PublicStop]
    public var state: DisclosureState
    public var preparedAt: Date
    public var approvedBy: String?
    public var approvedAt: Date?
    /// The last epidemiologist who edited the draft (within `DisclosureEdit`'s fields), and when.
    public var editedBy: String?
    public var editedAt: Date?
    /// Why a draft was not published, by whom and when (shown to staff, never to the public).
    public var rejection: Rejection?

    public struct Rejection: Sendable, Equatable, Codable {
        public var reason: String
        public var by: String
        public var at: Date

        public init(reason: String, by: String, at: Date) {
            self.reason = reason
            self.by = by
            self.at = at
        }
    }

    public init(
        id: String, number: Int, sex: Sex, ageBand: String, compound: String?, compoundID: String?, latitude: Double?, longitude: Double?,
        district: String?, confirmedOn: CalendarDate, trajectory: [PublicStop], state: DisclosureState = .draft, preparedAt: Date
    ) {
        self.id = id
        self.number = number
        self.sex = sex
        self.ageBand = ageBand
        self.compound = compound
        self.compoundID = compoundID
        self.latitude = latitude
        self.longitude = longitude
        self.district = district
        self.confirmedOn = confirmedOn
        self.trajectory = trajectory
        self.state = state
        self.preparedAt = preparedAt
    }

    /// Exactly what may be published, and nothing else: every public output (pages, open data, the
    /// feed) is made from this.
    public var published: Published {
        Published(
            id: id, number: number, sex: sex.rawValue, ageBand: ageBand, compound: compound, latitude: latitude,
            longitude: longitude, district: district, confirmedOn: confirmedOn.description, trajectory: trajectory)
    }

    /// The allowed fields of a published case, by name (the test of the allowed list reads this).
    public static let allowedFields: Set<String> = [
        "id", "number", "sex", "ageBand", "compound", "latitude", "longitude", "district", "confirmedOn", "trajectory",
    ]

    public struct Published: Sendable, Equatable, Codable {
        public var id: String
        public var number: Int
        public var sex: String
        public var ageBand: String
        /// The compound's name and position (its internal id is not published: it encodes the grid).
        public var compound: String?
        public var latitude: Double?
        public var longitude: Double?
        public var district: String?
        public var confirmedOn: String
        public var trajectory: [PublicStop]
    }
}

/// A public place on a case's trajectory, with when the case was there.
public struct PublicStop: Sendable, Equatable, Codable {
    public var place: String
    public var kind: PlaceKind
    public var from: Date
    public var to: Date

    public init(place: String, kind: PlaceKind, from: Date, to: Date) {
        self.place = place
        self.kind = kind
        self.from = from
        self.to = to
    }
}

/// draft: waiting for an epidemiologist; approved: public; rejected: an epidemiologist decided it is
/// not to be published (with a reason); withdrawn: the case is no longer a confirmed case
/// (discarded by an epidemiologist), so it is taken off every public output.
public enum DisclosureState: String, Sendable, Codable {
    case draft, approved, rejected, withdrawn
}
