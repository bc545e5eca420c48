import Foundation

/// A bearer token for the API or a data feed. Only its SHA-256 is stored; the token is shown once.
public struct APIToken: Sendable, Equatable {
    public var tokenHash: Data
    public var accountID: String
    public var label: String
    public var createdAt: Date
    public var revoked: Bool
    /// What this token may do, by scope name (`ingest:labs`, `scan`, `read`, see `TokenScope`);
    /// nil: whatever its account's role may. A feed that delivers lab results cannot then post
    /// residents with chosen phones, nor read anyone's record.
    public var scopes: Set<String>?
    /// After this the token no longer signs in (nil: until revoked).
    public var expiresAt: Date?
    /// When it last signed a request in (at most a minute late: the token cache).
    public var lastUsedAt: Date?
    /// The area the token is limited to (its path), within its account's jurisdiction; nil: the
    /// account's. A district's feed then neither reads nor sends records of another district.
    public var areaPath: String?

    public init(
        tokenHash: Data, accountID: String, label: String, createdAt: Date, revoked: Bool = false, scopes: Set<String>? = nil, areaPath: String? = nil,
        expiresAt: Date? = nil, lastUsedAt: Date? = nil
    ) {
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.label = label
        self.createdAt = createdAt
        self.revoked = revoked
        self.scopes = scopes
        self.areaPath = areaPath
    }
}

extension APIToken {
    /// What the scopes allow (nil: the role's). A name this version does not know grants nothing.
    public var permissions: Set<Permission>? {
        scopes.map { Set($0.flatMap { TokenScope.permissions($0) ?? [] }) }
    }

    /// Is it revoked or past its expiry at `now`?
    public func isActive(at now: Date) -> Bool { !revoked && (expiresAt.map { $0 > now } ?? true) }

    /// `labs,presence` as stored.
    public static func scopes(from text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// The names a token's scopes are given by (DESIGN §5): a permission of the table (`ingest:labs`,
/// `scan`, `people:read`), `read` for the read-only API, or a bare import kind (`labs`), which is
/// how tokens made before scopes named permissions stored them.
public enum TokenScope {
    /// `read`: look, never change (a person's record is still audited at each read).
    public static let readOnly: Set<Permission> = [.readAreas, .readPeople, .readRiskAreas, .readReports, .traceCases]

    /// The permissions a scope name grants; nil for a name that is none of the above.
    public static func permissions(_ name: String) -> Set<Permission>? {
        if name == "read" { return readOnly }
        if let p = Permission(rawValue: name) { return [p] }
        if let p = Permission.ingest(name) { return [p] }
        return nil
    }

    /// `ingest:labs,scan` or repeated options, as typed: the names, trimmed, in order.
    public static func names(_ typed: [String]) -> [String] {
        typed.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The stored form of a scope name: a bare kind becomes `ingest:KIND`.
    public static func canonical(_ name: String) -> String {
        Permission(rawValue: name) == nil && Permission.ingest(name) != nil ? "ingest:" + name : name
    }
}
