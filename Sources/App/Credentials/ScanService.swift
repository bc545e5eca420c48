import Credentials
import Domain
import Foundation

/// A checkpoint scan: the code is verified (offline rules: trust list, expiry, revocation), and a
/// valid scan is recorded as a presence event at the checkpoint, so scans feed tracing. The event id
/// is derived from the code and the place, so a scan uploaded twice (an offline queue) counts once.
public struct ScanService: Sendable {
    let services: CordonServices

    public init(services: CordonServices) { self.services = services }

    public struct Verdict: Sendable {
        public var valid: Bool
        public var colour: String?
        public var maskedName: String?
        public var error: CredentialError?
        public var recorded: Bool
    }

    public func scan(_ text: String, at place: String, by principal: Principal, scannedAt: Date? = nil) async throws -> Verdict {
        guard principal.role == .checkpointOperator || principal.role == .commandCentre || principal.role == .admin else {
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, action: .write, kind: "scan")
        }
        guard try await services.store.place(id: place)?.kind == .checkpoint else { throw StoreError.notFound(kind: "checkpoint", id: place) }
        let credential: HealthCredential
        do {
            credential = try CredentialService(services: services).verify(text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            return Verdict(valid: false, colour: nil, maskedName: nil, error: error, recorded: false)
        }
        var masked: String? = nil
        var recorded = false
        if let person = try await services.store.person(forSubject: Data(credential.subject)) {
            masked = try await services.store.resident(id: person).map { Masking.name($0.name) }
            let at = min(scannedAt ?? services.now(), services.now())
            let id = "SCAN-" + credential.id.map { String(format: "%02x", $0) }.joined() + "-" + place
            let inserted = try await services.store.insertPresence(
                [PresenceEvent(id: id, person: person, place: place, start: at, end: at.addingTimeInterval(60), source: "checkpoint-scan")], audit: nil)
            recorded = inserted == 1
            if recorded, await services.timeline.isLoaded { try await services.timeline.catchUp() }
        }
        return Verdict(valid: true, colour: credential.colour, maskedName: masked, error: nil, recorded: recorded)
    }
}
