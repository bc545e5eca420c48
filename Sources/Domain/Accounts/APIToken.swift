import Foundation

/// A bearer token for the API or a data feed. Only its SHA-256 is stored; the token is shown once.
public struct APIToken: Sendable, Equatable {
    public var tokenHash: Data
    public var accountID: String
    public var label: String
    public var createdAt: Date
    public var revoked: Bool
    /// The import kinds this token may send (`labs`, `presence`, …); nil: whatever its account's
    /// role may. A feed that delivers lab results cannot then post residents with chosen phones.
    public var scopes: Set<String>?
    /// The area the token is limited to (its path), within its account's jurisdiction; nil: the
    /// account's. A district's feed then neither reads nor sends records of another district.
    public var areaPath: String?

    public init(
        tokenHash: Data, accountID: String, label: String, createdAt: Date, revoked: Bool = false, scopes: Set<String>? = nil, areaPath: String? = nil
    ) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.label = label
        self.createdAt = createdAt
        self.revoked = revoked
        self.scopes = scopes
        self.areaPath = areaPath
    }
}

extension APIToken {
    /// `labs,presence` as stored.
    public static func scopes(from text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
