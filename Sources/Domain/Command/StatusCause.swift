/// Why people have the colour they have, in the few groups the command centre counts (the rule
/// names of the status engine folded together: every kind of close contact is one group).
public enum StatusCause: String, Sendable, Codable, CaseIterable {
    case `case`
    case closeContact = "close-contact"
    case secondary
    case arrival
    case symptoms
    case override
    case other

    /// The group of a status engine rule (`contact.household`, `arrival.high-risk`…).
    public init(rule: String?) {
        guard let rule else {
            self = .other
            return
        }
        switch rule {
        case "case.confirmed", "case.suspected": self = .case
        case "arrival.high-risk": self = .arrival
        case "symptoms": self = .symptoms
        case "override": self = .override
        default:
            if rule.hasPrefix("contact."), let category = ExposureCategory(rawValue: String(rule.dropFirst("contact.".count))) {
                self = category.isRed ? .closeContact : .secondary
            } else {
                self = .other
            }
        }
    }
}

extension HealthStatus {
    /// The rule that gave the colour: the first reason of the status's own colour (nil for green).
    public var cause: String? { reasons.first { $0.colour == colour }?.rule }
}
