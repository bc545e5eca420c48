import Domain
import Foundation
import Privacy

/// Writes SMS for the outbox: the phone sealed like every phone at rest, masked for lists and
/// logs, the text from its template (`AlertTemplate`).
public struct SMSComposer: Sendable {
    let vault: PersonalDataVault
    let clock: WallClock

    func sms(to phone: String, kind: AlertKind, body: String) throws -> OutboxMessage {
        let id = UUID().uuidString
        return OutboxMessage(
            id: id, createdAt: clock.now(), channel: .sms, recipientSealed: try vault.seal(phone, as: .outboxRecipient, row: id),
            recipientMasked: Masking.phone(phone), kind: kind, body: body)
    }

    /// An SMS of a kind whose text is a template, with its variables.
    func sms(to phone: String, _ kind: AlertKind, _ variables: [String: String]) throws -> OutboxMessage {
        try sms(to: phone, kind: kind, body: try AlertTemplate.render(kind, language: "zh", variables))
    }

    func sms(to resident: SealedResident, _ kind: AlertKind, _ variables: [String: String]) throws -> OutboxMessage? {
        try sms(to: resident, kind: kind, body: try AlertTemplate.render(kind, language: "zh", variables))
    }

    /// An SMS to a resident's own phone; nil when they have none.
    func sms(to resident: SealedResident, kind: AlertKind, body: String) throws -> OutboxMessage? {
        guard let phone = try vault.open(resident).phone else { return nil }
        return try sms(to: phone, kind: kind, body: body)
    }
}
