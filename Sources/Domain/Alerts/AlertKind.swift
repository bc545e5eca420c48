/// What a message to a person is about; its raw value is what the outbox stores and the delivery
/// report counts. Every kind has a template (`AlertTemplate`), so no text is written inline.
public enum AlertKind: String, Sendable, Codable, CaseIterable {
    case arrivalHighRisk = "arrival-high-risk"
    case closeContact = "close-contact"
    case colourChanged = "colour-changed"
    case quarantineReminder = "quarantine-reminder"
    /// A text the command centre sends to an area's residents (`cordon notify`).
    case areaBulletin = "bulletin"
    case signInCode = "sign-in-code"
    case appealAnswer = "appeal"
    case manualColour = "override"
    /// To the command centre's work phones: a data feed went silent past its expected interval.
    case feedLate = "feed-late"
    /// To an enterprise's contact: the district's decision on its registration.
    case enterpriseApproved = "enterprise-approved"
    case enterpriseRefused = "enterprise-refused"
    /// To an enterprise's contact: the district's decision on its return-to-work application.
    case workDecision = "work-decision"
    /// To a resident: an enterprise asks to list them as an employee (they answer on their page).
    case employmentProposed = "employment-proposed"

    /// The order messages leave the outbox in: a person waiting for it now (a sign-in code, the
    /// answer to their appeal or request) goes before bulk alerts, whatever the backlog.
    public var priority: Int {
        switch self {
        case .signInCode: 0
        case .appealAnswer, .manualColour, .feedLate, .enterpriseApproved, .enterpriseRefused, .employmentProposed, .workDecision: 1
        case .arrivalHighRisk, .closeContact, .colourChanged, .quarantineReminder, .areaBulletin: 2
        }
    }

    /// A kind read back from the store; anything else is a damaged row.
    public static func stored(_ text: String) throws -> AlertKind {
        guard let kind = AlertKind(rawValue: text) else { throw StoreError.unavailable("outbox message of unknown kind \"\(text)\"") }
        return kind
    }
}

/// How a message reaches a person. Only SMS today; gateways (webhook, file, log) carry it.
public enum AlertChannel: String, Sendable, Codable, CaseIterable {
    case sms

    public static func stored(_ text: String) throws -> AlertChannel {
        guard let channel = AlertChannel(rawValue: text) else { throw StoreError.unavailable("outbox message on unknown channel \"\(text)\"") }
        return channel
    }
}
