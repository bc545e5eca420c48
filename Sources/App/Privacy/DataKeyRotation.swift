import Foundation
import Domain
import Privacy

/// Re-seals every encrypted column under the vault's sealing key, page by page: what `cordon keys
/// rotate-data-key` runs after adding the new key. Rows already under that key are skipped, so a run
/// after a crash carries on where the last one stopped; each page is written compare-and-set, so a
/// row changed meanwhile is simply read again on the next run.
public struct DataKeyRotation: Sendable {
    let store: any SealedDataRepository & AuditLogRepository
    let vault: PersonalDataVault
    let clock: WallClock
    var pageSize = 2000

    public init(store: any SealedDataRepository & AuditLogRepository, vault: PersonalDataVault, clock: WallClock, pageSize: Int = 2000) {
        self.store = store
        self.vault = vault
        self.clock = clock
        self.pageSize = pageSize
    }

    public struct Outcome: Sendable, Equatable {
        public var scanned = 0
        public var resealed = 0
        /// Rows that changed between read and write, left for the next run.
        public var skipped = 0
    }

    /// `progress(done, total)` after every page. Audited once, with the counts, when it ends.
    public func run(actor: String, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Outcome {
        var total = 0
        for field in SealedField.allCases { total += try await store.sealedEnvelopeCount(field) }
        var outcome = Outcome()
        for field in SealedField.allCases {
            var after = ""
            while true {
                let page = try await store.sealedEnvelopes(field, after: after, limit: pageSize)
                guard let last = page.last else { break }
                var changes: [EnvelopeChange] = []
                for row in page {
                    let sealed: Data?
                    switch field {
                    case .residentIdentity: sealed = try vault.reseal(row)
                    case .outboxRecipient, .accountSecondFactor: sealed = try row.sealed.flatMap { try vault.reseal($0, as: field, row: row.rowID) }
                    }
                    if let sealed { changes.append(EnvelopeChange(rowID: row.rowID, previous: row.sealed, sealed: sealed)) }
                }
                let written = changes.isEmpty ? 0 : try await store.replaceSealedEnvelopes(field, changes)
                outcome.resealed += written
                outcome.skipped += changes.count - written
                outcome.scanned += page.count
                after = last.rowID
                progress(outcome.scanned, total)
            }
        }
        try await store.appendAudit(
            clock.event(
                actor, .keysRotateDataKey, kind: "key", id: vault.sealingKeyID,
                detail: "\(outcome.resealed) of \(outcome.scanned) sealed fields re-sealed, \(outcome.skipped) changed meanwhile"))
        return outcome
    }
}
