import Domain

/// Why someone is a contact, strongest first (DESIGN §4): a person is listed once, in the strongest.
public enum ContactCategory: String, Sendable, Codable, CaseIterable, Comparable {
    case household, close, transport, secondary, companion

    /// 0 is the strongest.
    public var rank: Int {
        switch self {
        case .household: 0
        case .close: 1
        case .transport: 2
        case .secondary: 3
        case .companion: 4
        }
    }

    public static func < (a: ContactCategory, b: ContactCategory) -> Bool { a.rank < b.rank }
}

extension ExposureCategory {
    /// The stored category of what tracing found.
    public init(_ category: ContactCategory) {
        switch category {
        case .household: self = .household
        case .close: self = .close
        case .transport: self = .transport
        case .secondary: self = .secondary
        case .companion: self = .companion
        }
    }
}
