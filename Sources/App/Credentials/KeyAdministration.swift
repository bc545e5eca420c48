import Domain
import Foundation

/// The health-code signing keys and paper-code revocations for administrators on a page (the same
/// operations as `cordon keys`): the keys and their state, a rotation, revoking a lost paper code.
public struct KeyAdministration: Sendable {
    let store: any AuditLogRepository
    let signingKeys: SigningKeyRing
    let credentials: CredentialService
    let clock: WallClock
    let directory: PersonDirectory

    public func keys(as principal: Principal) async throws -> (keys: [SigningKeyRing.Entry], revoked: [String]) {
        try await directory.authorize(principal, .administer, kind: "key", id: "list")
        return (try signingKeys.ensure(now: clock.now()), try credentials.revoked().map(Hex.encode).sorted())
    }

    /// The next key starts signing; the active one retires (codes it signed stay valid until they expire).
    public func rotate(as principal: Principal) async throws -> [SigningKeyRing.Entry] {
        try await directory.authorize(principal, .administer, kind: "key", id: "rotate")
        let list = try signingKeys.rotate(now: clock.now())
        try await store.appendAudit(clock.event(principal.auditName, .keysRotate, kind: "key", id: list.first { $0.state == .active }?.kid ?? ""))
        return list
    }

    /// A printed code reported lost: checkpoints refuse it from the next trust list on.
    public func revokePaperCode(_ idHex: String, as principal: Principal) async throws {
        try await directory.authorize(principal, .administer, kind: "credential", id: idHex)
        let id = idHex.trimmingCharacters(in: .whitespaces).lowercased()
        guard id.count == 32, Hex.decode(id) != nil else { throw NotACodeID(text: idHex) }
        try await credentials.revoke(id, actor: principal.auditName)
    }

    public struct NotACodeID: Error, Equatable { public var text: String }
}
