import Domain
import Foundation
import Privacy

/// A residents feed that brings the identity number of a self-declared person (申领) confirms
/// them: the register has vouched for who they are. Their record is merged into the feed's, so
/// there is one person, under the id the city's other feeds use: what they declared, their
/// sessions, requests, proxies and scans move with them, their registration is confirmed, and
/// the grid's "verify new registration" task is closed. The feed's row is authoritative; it
/// only takes the declared phone and address where it has none (or the person could no longer
/// sign in).
public struct SelfDeclaredMerge: Sendable {
    let store: any RegistrationRepository & ResidentRepository
    let vault: PersonalDataVault
    let clock: WallClock
    let timeline: TimelineService
    let statuses: StatusService

    /// Who a merge names as having confirmed the registration.
    public static let confirmer = "feed:residents"

    /// The self-declared records by identity-number blind index, read once per import.
    public func identities() async throws -> [Data: String] {
        Dictionary(try await store.selfDeclaredIdentities().map { ($0.idNumberIndex, $0.person) }, uniquingKeysWith: { first, _ in first })
    }

    /// Merges every self-declared record whose identity number a row of `batch` brings (the
    /// rows already stored); returns how many were.
    public func merge(_ batch: [SealedResident], identities: [Data: String], actor: String) async throws -> Int {
        guard !identities.isEmpty else { return 0 }
        var merged = 0
        for row in batch {
            guard let index = row.idNumberIndex, let declaredID = identities[index], declaredID != row.id,
                let declared = try await store.resident(id: declaredID)
            else { continue }
            let audit = clock.event(actor, .registrationMerge, kind: "person", id: row.id, detail: "\(declaredID) → \(row.id) (residents feed)")
            let done = try await store.mergeSelfDeclared(
                declaredID, into: row.id, replacing: try filledIn(row, from: declared), confirmedBy: Self.confirmer, at: clock.now(), audit: audit)
            guard done else { continue }
            try await timeline.renamePerson(declaredID, to: row.id)
            // What they declared (an arrival, symptoms) is the register person's now: their colour follows it.
            try await statuses.refresh(row.id)
            merged += 1
        }
        return merged
    }

    /// The feed's row with the declared phone and address where it has none; nil when it lacks neither.
    private func filledIn(_ row: SealedResident, from declared: SealedResident) throws -> SealedResident? {
        var register = try vault.open(row)
        let own = try vault.open(declared)
        guard register.phone == nil && own.phone != nil || register.address == nil && own.address != nil else { return nil }
        register.phone = register.phone ?? own.phone
        register.address = register.address ?? own.address
        return try vault.seal(register, areaPath: row.areaPath)
    }
}
