/// What an enterprise must show to return to work (复工复产): the prevention plan's checklist, each
/// item a thing the district checks (the seeds: masks in stock, temperature checks at the door,
/// staggered canteen, a room to isolate someone who falls ill).
public struct EnterpriseRules: Sendable, Equatable, Codable {
    public var checklist: [String] = ["masks", "temperature", "canteen", "isolationRoom"]

    public init() {}

    public static let standard = EnterpriseRules()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        checklist = try c.decodeIfPresent([String].self, forKey: .checklist) ?? EnterpriseRules().checklist
    }
}
