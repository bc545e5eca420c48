/// The encrypted columns, read and replaced in pages by `cordon keys rotate-data-key`.
public protocol SealedDataRepository: Sendable {
    /// Rows in id order after `rowID` (residents with a clear birth date included even when nothing is sealed).
    func sealedEnvelopes(_ field: SealedField, after rowID: String, limit: Int) async throws -> [StoredEnvelope]
    /// Writes each change whose row still holds `previous` (a row changed meanwhile is left for the
    /// next pass) and clears a resident's clear birth date with it. Returns how many were written.
    func replaceSealedEnvelopes(_ field: SealedField, _ changes: [EnvelopeChange]) async throws -> Int
    /// How many rows `sealedEnvelopes` walks, for the progress bar.
    func sealedEnvelopeCount(_ field: SealedField) async throws -> Int
}
