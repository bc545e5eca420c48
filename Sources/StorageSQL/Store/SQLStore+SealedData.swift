import Domain
import Foundation

extension SQLStore {
    private func location(_ field: SealedField) -> (table: String, column: String) {
        switch field {
        case .residentIdentity: ("residents", "identity_sealed")
        case .outboxRecipient: ("outbox", "recipient_sealed")
        case .accountSecondFactor: ("accounts", "totp_sealed")
        }
    }

    public func sealedEnvelopes(_ field: SealedField, after rowID: String, limit: Int) async throws -> [StoredEnvelope] {
        let (table, column) = location(field)
        let birthDate = field == .residentIdentity ? "birth_date" : "NULL"
        return try await db.query(
            "SELECT id, \(raw: column) AS sealed, \(raw: birthDate) AS birth_date FROM \(raw: table) WHERE id > \(rowID) ORDER BY id LIMIT \(limit)"
        ) { row in
            StoredEnvelope(
                rowID: try row.value("id"), sealed: try row.value("sealed"),
                clearBirthDate: try row.value("birth_date", as: String?.self).flatMap { CalendarDate(iso: $0) })
        }
    }

    public func replaceSealedEnvelopes(_ field: SealedField, _ changes: [EnvelopeChange]) async throws -> Int {
        let (table, column) = location(field)
        let clear = field == .residentIdentity ? ", birth_date = NULL" : ""
        return try await db.write { tx in
            var written = 0
            for change in changes {
                // Compare-and-set: a row rewritten since it was read keeps what it holds now.
                let holds: SQL = change.previous.map { "\(raw: column) = \($0)" } ?? "\(raw: column) IS NULL"
                written += try await tx.execute(
                    "UPDATE \(raw: table) SET \(raw: column) = \(change.sealed)\(raw: clear) WHERE id = \(change.rowID) AND \(holds)")
            }
            return written
        }
    }

    public func sealedEnvelopeCount(_ field: SealedField) async throws -> Int {
        let (table, _) = location(field)
        return try await db.first("SELECT COUNT(*) FROM \(raw: table)") { row in Int(try row.value(at: 0, as: Int64.self)) } ?? 0
    }
}
