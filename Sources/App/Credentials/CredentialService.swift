import Credentials
import Crypto
import Domain
import Foundation
import Privacy
import Synchronization

/// Issues and verifies health codes (DESIGN §5). A code carries the colour the status engine gives
/// now, an opaque pseudonym of the person (sealed, never the identity number), and lives
/// minutes on a phone or days on paper; paper codes can be revoked.
public struct CredentialService: Sendable {
    let store: any AuditLogRepository & ResidentRepository
    let vault: PersonalDataVault
    let profiles: ProfileStore
    public let signingKeys: SigningKeyRing
    let clock: WallClock
    let statuses: StatusService

    public enum Kind: String, Sendable { case phone, paper }

    var rules: CredentialRules { profiles.profile.credentials }
    var longestLifetime: TimeInterval { Double(rules.paperLifetimeDays) * 86_400 }

    /// The person's code now; its colour is their status now.
    /// The trust list's root public key (base64 of the uncompressed point), the keys made on first use.
    public func rootPublicKey() throws -> String {
        _ = try signingKeys.ensure(now: clock.now())
        return try signingKeys.rootPublicKey().x963Representation.base64EncodedString()
    }

    public func issue(for person: String, kind: Kind = .phone) async throws -> (text: String, credential: HealthCredential) {
        let now = clock.now()
        // Computed, not stored: a code is renewed every minute, and facts store their statuses anyway.
        let status = try await statuses.current(person)
        let (kid, key) = try signingKeys.activeKey(now: now)
        let lifetime = kind == .phone ? Double(rules.phoneLifetimeSeconds) : longestLifetime
        var id = [UInt8](repeating: 0, count: 16)
        var g = SystemRandomNumberGenerator()
        for i in id.indices { id[i] = UInt8.random(in: 0...255, using: &g) }
        let resident = try await store.resident(id: person)
        let subject = try vault.seal(CodeSubject(person: person, maskedName: resident.map { Masking.name($0.name) } ?? ""))
        let credential = HealthCredential(
            issuer: rules.issuer, keyID: kid, colour: status.colour.rawValue, subject: subject,
            issuedAt: now, expiresAt: now.addingTimeInterval(lifetime), id: id, kind: kind.rawValue)
        let text = try credential.signed(with: key)
        if kind == .paper {
            try await store.appendAudit(
                clock.event("system:credentials", .credentialPaper, kind: "person", id: person, detail: Hex.encode(id)))
        }
        return (text, credential)
    }

    /// Verifies a code offline against the trust list and the revocations, as of `at` (now by
    /// default; a scan queued offline is judged at the time it was made).
    public func verify(_ text: String, at: Date? = nil) throws(CredentialError) -> HealthCredential {
        try verifier().verify(text, at: at ?? clock.now())
    }

    /// The offline verifier of codes and certificates: the cached trust list with the revocations.
    private func verifier() throws(CredentialError) -> CredentialVerifier {
        let list: TrustList
        do {
            list = try signingKeys.trustListCache.list(for: signingKeys) {
                try signingKeys.trustList(now: clock.now(), longestLifetime: longestLifetime, revoked: try revoked())
            }
        } catch {
            throw .unknownKey
        }
        return CredentialVerifier(trustList: list, clockSkew: Double(rules.clockSkewSeconds), maximumLifetime: longestLifetime)
    }

    /// A certificate for an enterprise (return to work, force majeure), living as long as a paper
    /// code (reprinted from the enterprise's page while it holds), revocable by its id.
    public func issueCertificate(kind: String, enterpriseName: String, creditCode: String, detail: String) throws -> (text: String, certificate: EnterpriseCertificate) {
        let now = clock.now()
        let (kid, key) = try signingKeys.activeKey(now: now)
        var id = [UInt8](repeating: 0, count: 16)
        var g = SystemRandomNumberGenerator()
        for i in id.indices { id[i] = UInt8.random(in: 0...255, using: &g) }
        let certificate = EnterpriseCertificate(
            issuer: rules.issuer, keyID: kid, kind: kind, enterpriseName: enterpriseName, creditCode: creditCode, detail: detail, issuedAt: now,
            expiresAt: now.addingTimeInterval(longestLifetime), id: id)
        return (try certificate.signed(with: key), certificate)
    }

    public func verifyCertificate(_ text: String, at: Date? = nil) throws(CredentialError) -> EnterpriseCertificate {
        try verifier().verifyCertificate(text, at: at ?? clock.now())
    }

    /// A winner's pickup code for an allocation, valid until it expires (at most a paper code's lifetime).
    public func issuePickup(_ allocation: PickupAllocation) throws -> String {
        let now = clock.now()
        let (kid, key) = try signingKeys.activeKey(now: now)
        let expires = min(allocation.expiresAt, now.addingTimeInterval(longestLifetime))
        return try PickupCode(
            issuer: rules.issuer, keyID: kid, allocation: allocation.id, pharmacy: allocation.pharmacy, product: allocation.product, units: allocation.units,
            issuedAt: now, expiresAt: expires
        ).signed(with: key)
    }

    public func verifyPickup(_ text: String, at: Date? = nil) throws(CredentialError) -> PickupCode {
        try verifier().verifyPickup(text, at: at ?? clock.now())
    }

    /// Revoked paper codes and certificates by id, in `DATA_DIR/keys/signing/revoked.json`.
    public func revoked() throws -> Set<[UInt8]> {
        let file = signingKeys.directory.appendingPathComponent("revoked.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let ids = try JSONDecoder().decode([String].self, from: Data(contentsOf: file))
        return Set(ids.compactMap(Hex.decode))
    }

    public func revoke(_ idHex: String, actor: String) async throws {
        guard Hex.decode(idHex) != nil else { throw KeyRingError.cannotWrite("not a credential id: \(idHex)") }
        var ids = Array(try revoked().map(Hex.encode))
        ids.append(idHex.lowercased())
        try signingKeys.ensure(now: clock.now())
        try JSONEncoder().encode(Array(Set(ids)).sorted()).write(to: signingKeys.directory.appendingPathComponent("revoked.json"), options: .atomic)
        signingKeys.trustListCache.forget()
        try await store.appendAudit(clock.event(actor, .credentialRevoke, kind: "credential", id: idHex))
    }
}

/// The trust list as last read from a key directory, read again only when `keys.json` or
/// `revoked.json` changed (or after a minute, for retired keys running out): every checkpoint scan
/// verifies, and the files change a few times a year.
final class TrustListCache: Sendable {
    private let entry = Mutex<(stamp: [Date?], read: ContinuousClock.Instant, checked: ContinuousClock.Instant, list: TrustList)?>(nil)

    func list(for keys: SigningKeyRing, load: () throws -> TrustList) throws -> TrustList {
        let now = ContinuousClock.now  // how old the cached list is: elapsed time, not the city's clock
        let hit = entry.withLock { $0 }
        // The files are looked at no more than once a second: a revocation takes effect within that.
        if let hit, hit.checked.duration(to: now) < .seconds(1), hit.read.duration(to: now) < .seconds(60) { return hit.list }
        let stamp = ["keys.json", "revoked.json"].map {
            (try? FileManager.default.attributesOfItem(atPath: keys.directory.appendingPathComponent($0).path))?[.modificationDate] as? Date
        }
        if let hit, hit.stamp == stamp, hit.read.duration(to: now) < .seconds(60) {
            entry.withLock { $0?.checked = now }
            return hit.list
        }
        let list = try load()
        entry.withLock { $0 = (stamp, now, now, list) }
        return list
    }

    /// Called by this process's own writes to the key files, which take effect at once.
    func forget() {
        entry.withLock { $0 = nil }
    }
}
