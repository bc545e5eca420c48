/// Why a person is exposed to a case: the categories tracing finds (DESIGN §4), and a contact the
/// person declared themselves (自主申报), which is yellow until tracing or an epidemiologist says more.
public enum ExposureCategory: String, Sendable, Codable, CaseIterable {
    case household, close, transport, secondary, companion
    case declared

    /// Household, close and transport contacts are quarantined (red); the others watched (yellow).
    public var isRed: Bool {
        switch self {
        case .household, .close, .transport: true
        case .secondary, .companion, .declared: false
        }
    }
}

extension ExposureCategory {
    /// A category read back from the store; anything else is a damaged row, never a guess
    /// (a wrong category would change someone's colour).
    public static func stored(_ text: String) throws -> ExposureCategory {
        guard let category = ExposureCategory(rawValue: text) else { throw StoreError.unavailable("exposure with unknown category \"\(text)\"") }
        return category
    }
}

/// How many stored contacts a case has in one category.
public struct ExposureCount: Sendable, Equatable {
    public var caseID: String
    public var category: ExposureCategory
    public var count: Int

    public init(caseID: String, category: ExposureCategory, count: Int) {
        self.caseID = caseID
        self.category = category
        self.count = count
    }
}
