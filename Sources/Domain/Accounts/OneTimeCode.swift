import Foundation

/// A pending SMS sign-in code for a resident, keyed by the phone's blind index. Only the code's hash is kept.
public struct OneTimeCode: Sendable, Equatable {
    public var phoneIndex: Data
    public var codeHash: Data
    public var residentID: String
    public var issuedAt: Date
    public var expiresAt: Date
    public var attemptsLeft: Int

    public init(phoneIndex: Data, codeHash: Data, residentID: String, issuedAt: Date, expiresAt: Date, attemptsLeft: Int) {
        self.phoneIndex = phoneIndex
        self.codeHash = codeHash
        self.residentID = residentID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.attemptsLeft = attemptsLeft
    }
}
