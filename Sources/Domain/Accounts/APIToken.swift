import Foundation

/// A bearer token for the API or a data feed. Only its SHA-256 is stored; the token is shown once.
public struct APIToken: Sendable, Equatable {
    public var tokenHash: Data
    public var accountID: String
    public var label: String
    public var createdAt: Date
    public var revoked: Bool

    public init(tokenHash: Data, accountID: String, label: String, createdAt: Date, revoked: Bool = false) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.label = label
        self.createdAt = createdAt
        self.revoked = revoked
    }
}
