import Foundation

/// An entry of the append-only audit log. `hash` is SHA-256 over the previous entry's hash and this
/// entry's fields, so editing or deleting any entry breaks every hash after it.
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int64
    public var event: AuditEvent
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, event: AuditEvent, previousHash: String, hash: String) {
        self.sequence = sequence
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash that precedes the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The exact bytes that are hashed: fields joined by a unit separator, times in milliseconds.
    /// Changing this breaks every existing chain, so it is versioned by the leading `v1`.
    public static func canonicalBytes(sequence: Int64, event: AuditEvent, previousHash: String) -> [UInt8] {
        let ms = Int64((event.at.timeIntervalSince1970 * 1000).rounded())
        let fields = ["v1", String(sequence), String(ms), event.actor, event.action, event.subjectKind, event.subjectID, event.detail, previousHash]
        return Array(fields.joined(separator: "\u{1F}").utf8)
    }
}
