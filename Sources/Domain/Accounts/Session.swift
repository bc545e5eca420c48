import Foundation

/// A signed-in browser session. The cookie holds a random token; the store keeps only its hash, so a
/// copy of the database does not let anyone sign in.
public struct Session: Sendable, Equatable {
    public var tokenHash: Data
    public var subject: Subject
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: Data, subject: Subject, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.subject = subject
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Who the session belongs to.
    public enum Subject: Sendable, Equatable {
        case staff(accountID: String)
        case resident(residentID: String)
        /// Half a staff sign-in: the password was right, the second factor is still to come. Signs
        /// in to nothing; lives minutes.
        case secondFactor(accountID: String)

        public var storageKey: String {
            switch self {
            case .staff(let id): "staff:" + id
            case .resident(let id): "resident:" + id
            case .secondFactor(let id): "2fa:" + id
            }
        }

        public init?(storageKey: String) {
            if storageKey.hasPrefix("staff:") {
                self = .staff(accountID: String(storageKey.dropFirst(6)))
            } else if storageKey.hasPrefix("resident:") {
                self = .resident(residentID: String(storageKey.dropFirst(9)))
            } else if storageKey.hasPrefix("2fa:") {
                self = .secondFactor(accountID: String(storageKey.dropFirst(4)))
            } else {
                return nil
            }
        }
    }
}
