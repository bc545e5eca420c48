import Foundation

/// A column that holds encrypted personal data. Its name is authenticated with every envelope, with
/// the row's id, so a ciphertext only opens where it was written.
public enum SealedField: String, Sendable, CaseIterable {
    /// A resident's identity number, phone, address and birth date, in one envelope.
    case residentIdentity = "residents.identity"
    /// The phone an outbox message goes to.
    case outboxRecipient = "outbox.recipient"
    /// A staff account's TOTP secret.
    case accountSecondFactor = "accounts.totp"
}

/// One row's envelope as read for re-sealing.
public struct StoredEnvelope: Sendable, Equatable {
    public var rowID: String
    /// Nil for a resident with nothing sealed yet.
    public var sealed: Data?
    /// A resident's birth date still kept in clear by a store written before it moved into the envelope.
    public var clearBirthDate: CalendarDate?

    public init(rowID: String, sealed: Data?, clearBirthDate: CalendarDate? = nil) {
        self.rowID = rowID
        self.sealed = sealed
        self.clearBirthDate = clearBirthDate
    }
}

/// A re-sealed envelope, written only if the row still holds `previous`.
public struct EnvelopeChange: Sendable, Equatable {
    public var rowID: String
    public var previous: Data?
    public var sealed: Data

    public init(rowID: String, previous: Data?, sealed: Data) {
        self.rowID = rowID
        self.previous = previous
        self.sealed = sealed
    }
}
