import Foundation

/// An entry of the append-only audit log. `hash` is HMAC-SHA256, under a key kept outside the
/// database, over the previous entry's hash and this entry's fields: editing or deleting any entry
/// breaks every hash after it, and without the key nobody can compute a replacement chain.
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

    /// The bytes an entry's keyed hash covers (format v2): every field length-prefixed, so no choice
    /// of text in one field can pass for another field's boundary, times in milliseconds.
    public static func canonicalBytes(sequence: Int64, event: AuditEvent, previousHash: String) -> [UInt8] {
        lengthPrefixed([
            "cordon-audit-v2", String(sequence), String(event.at.milliseconds), event.actor, event.action, event.subjectKind, event.subjectID,
            event.detail, previousHash,
        ])
    }

    /// The bytes of the first, unkeyed format: fields joined by a unit separator. Kept only to verify
    /// entries written before the chain was keyed.
    public static func legacyCanonicalBytes(sequence: Int64, event: AuditEvent, previousHash: String) -> [UInt8] {
        let fields = ["v1", String(sequence), String(event.at.milliseconds), event.actor, event.action, event.subjectKind, event.subjectID, event.detail, previousHash]
        return Array(fields.joined(separator: "\u{1F}").utf8)
    }

    /// Each field as a 32-bit big-endian byte count followed by its UTF-8.
    public static func lengthPrefixed(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for field in fields {
            let utf8 = Array(field.utf8)
            let n = UInt32(truncatingIfNeeded: utf8.count)
            out += [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
            out += utf8
        }
        return out
    }
}
