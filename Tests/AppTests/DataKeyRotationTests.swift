import App
import Domain
import Foundation
import Privacy
import Testing
import TestSupport

/// `cordon keys rotate-data-key` on a city: every envelope moves to the new key, people still open,
/// and a run interrupted part way is finished by the next.
@Suite("Data-key rotation")
struct DataKeyRotationTests {
    @Test("rotation re-seals every resident and outbox recipient under the new key, resumes after a crash, and is audited", arguments: Backend.available)
    func rotation(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300, statuses: true)
        let store = city.services.store
        var rotatedKeys = city.fresh.keys
        rotatedKeys.rotated = [KeyMaterial.generate().encryption]
        let vault = PersonalDataVault(keyMaterial: rotatedKeys)
        #expect(vault.sealingKeyID != city.services.vault.sealingKeyID)
        let residents = try await store.sealedEnvelopeCount(.residentIdentity)
        let messages = try await store.sealedEnvelopeCount(.outboxRecipient)
        // Staff accounts are walked too (their second factors), though none has enrolled one here.
        let accounts = try await store.sealedEnvelopeCount(.accountSecondFactor)
        #expect(residents >= 300 && messages > 0 && accounts > 0)

        // A crash after the first row: it is under the new key, the rest are not.
        let first = try #require(try await store.sealedEnvelopes(.residentIdentity, after: "", limit: 1).first)
        let resealed = try #require(try vault.reseal(first))
        #expect(try await store.replaceSealedEnvelopes(.residentIdentity, [EnvelopeChange(rowID: first.rowID, previous: first.sealed, sealed: resealed)]) == 1)

        var seen: [Int] = []
        let outcome = try await DataKeyRotation(store: store, vault: vault, clock: city.services.clock, pageSize: 64)
            .run(actor: "cli:test") { done, total in seen.append(done); #expect(total == residents + messages + accounts) }
        #expect(outcome.scanned == residents + messages + accounts)
        #expect(outcome.resealed == residents + messages - 1)
        #expect(outcome.skipped == 0)
        #expect(seen.last == residents + messages + accounts)

        // Everything is under the new key, and every person still opens with their phone and number.
        for field in SealedField.allCases {
            for row in try await store.sealedEnvelopes(field, after: "", limit: 10_000) {
                #expect(row.sealed.map(vault.isCurrent) ?? true, "\(field) \(row.rowID)")
                #expect(row.clearBirthDate == nil)
            }
        }
        let someone = try #require(try await store.resident(id: first.rowID))
        let opened = try vault.open(someone)
        #expect(opened.phone != nil && opened.birthDate?.year == someone.birthYear)
        // The old vault (a server not restarted) cannot open what was re-sealed.
        #expect(throws: VaultError.self) { try city.services.vault.open(someone) }
        // A second run finds nothing left to do.
        #expect(try await DataKeyRotation(store: store, vault: vault, clock: city.services.clock).run(actor: "cli:test").resealed == 0)
        #expect(try await store.recentAudit(subjectID: vault.sealingKeyID, limit: 5).filter { $0.event.action == "keys.rotate-data-key" }.count == 2)
        try await city.close()
    }
}
