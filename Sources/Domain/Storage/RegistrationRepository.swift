import Foundation

/// Applications for a code (申领): the record a new person gets, what they declared, and the
/// grid's confirmation.
public protocol RegistrationRepository: Sendable {
    /// In one transaction: the new resident (when `resident` is given), the registration and the
    /// grid tasks it raises, and the audit entry. A resident id already taken stores nothing and
    /// fails with `StoreError.duplicate`.
    func register(_ registration: Registration, resident: SealedResident?, tasks: [GridTask], audit: AuditEvent) async throws
    /// A person's registrations, newest first.
    func registrations(person: String) async throws -> [Registration]
    /// Marks a person's pending registrations confirmed; returns how many were.
    func confirmRegistrations(person: String, by: String, at: Date, audit: AuditEvent) async throws -> Int
}
