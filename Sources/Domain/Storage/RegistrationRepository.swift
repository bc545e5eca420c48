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
    /// Marks a person's pending registrations confirmed (not claims: those are decided one by
    /// one); returns how many were.
    func confirmRegistrations(person: String, by: String, at: Date, audit: AuditEvent) async throws -> Int
    /// Self-declared records (made by an application) that carry an identity number, with its
    /// blind index: a residents feed bringing the same number merges them into the register's.
    func selfDeclaredIdentities() async throws -> [(person: String, idNumberIndex: Data)]
    /// Merges the self-declared record `from` into the register's `into` in one transaction:
    /// every fact, session, request, proxy link and task of `from` becomes `into`'s (where `into`
    /// already holds the same key, `into`'s is kept), its registrations are confirmed by
    /// `confirmedBy` and remember `from`, open grid tasks that ask to verify it are closed, its
    /// status is dropped (the caller recomputes `into`'s), the `from` row is deleted and `into`'s
    /// row is replaced by `replacing` when given (the phone the feed lacked). False, storing
    /// nothing, unless both exist and share the identity number.
    func mergeSelfDeclared(_ from: String, into: String, replacing: SealedResident?, confirmedBy: String, at: Date, audit: AuditEvent) async throws -> Bool
    /// The register's person a merged self-declared record became, nil when it was never merged.
    func mergedInto(_ from: String) async throws -> String?
    /// Registrations made since `date` (declarations the feeds may still contradict), oldest first.
    func registrations(since date: Date) async throws -> [Registration]
    /// Records what the feeds say against a registration with the task it raises, once: false,
    /// storing nothing, when it already has a conflict.
    func recordConflict(registrationID: String, conflict: String, task: GridTask, audit: AuditEvent) async throws -> Bool
    /// Decides a pending claim once, closing the grid task it raised (`taskKey`); with `replacing`
    /// (the person with the claim's phone) the resident's sealed identity is rewritten. False,
    /// storing nothing, when the claim is not pending.
    func decideClaim(
        registrationID: String, decision: ClaimDecision, replacing: SealedResident?, taskKey: String, by: String, at: Date, audit: AuditEvent
    ) async throws -> Bool
}
