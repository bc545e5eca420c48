/// Fair rationing of scarce supplies (口罩预约): what each person may reserve per period, on which
/// days, and the groups served first with their own quota (Taiwan's name-based rationing: a quota
/// per identity card per period, odd/even days by the last digit).
public struct SupplyRules: Sendable, Equatable, Codable {
    /// A product that rounds can ration, with its names for pages.
    public struct Product: Sendable, Equatable, Codable {
        public var id: String
        public var zh: String
        public var en: String
        public init(id: String, zh: String, en: String) { (self.id, self.zh, self.en) = (id, zh, en) }
    }

    /// A group served with its own quota (instead of everyone's).
    public struct PriorityGroup: Sendable, Equatable, Codable {
        /// `medical` (listed by officers) or `elderly-alone` (derived: of `elderlyAge` or more, alone in their household).
        public var id: String
        public var units: Int
        public var periodDays: Int
        public init(id: String, units: Int, periodDays: Int) { (self.id, self.units, self.periodDays) = (id, units, periodDays) }
    }

    public var products: [Product] = [
        Product(id: "adult-mask", zh: "成人口罩", en: "Adult masks"), Product(id: "child-mask", zh: "儿童口罩", en: "Child masks"),
    ]
    /// Everyone's quota: at most `quotaUnits` units of a product won per `periodDays` days.
    public var quotaUnits = 5
    public var periodDays = 10
    /// Entries only on days whose parity matches the identity number's last character (X counts as 10).
    public var oddEvenDays = false
    public var priorityGroups: [PriorityGroup] = [PriorityGroup(id: "medical", units: 10, periodDays: 10), PriorityGroup(id: "elderly-alone", units: 10, periodDays: 10)]
    public var elderlyAge = 70
    /// How long a winner's pickup code is valid at the chosen pharmacy.
    public var pickupDays = 3

    public init() {}

    public static let standard = SupplyRules()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SupplyRules()
        products = try c.decodeIfPresent([Product].self, forKey: .products) ?? d.products
        quotaUnits = try c.decodeIfPresent(Int.self, forKey: .quotaUnits) ?? d.quotaUnits
        periodDays = try c.decodeIfPresent(Int.self, forKey: .periodDays) ?? d.periodDays
        oddEvenDays = try c.decodeIfPresent(Bool.self, forKey: .oddEvenDays) ?? d.oddEvenDays
        priorityGroups = try c.decodeIfPresent([PriorityGroup].self, forKey: .priorityGroups) ?? d.priorityGroups
        elderlyAge = try c.decodeIfPresent(Int.self, forKey: .elderlyAge) ?? d.elderlyAge
        pickupDays = try c.decodeIfPresent(Int.self, forKey: .pickupDays) ?? d.pickupDays
    }

    public func product(_ id: String) -> Product? { products.first { $0.id == id } }
}
