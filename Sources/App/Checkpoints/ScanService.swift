import Credentials
import Domain
import Foundation
import Privacy

/// A checkpoint scan: the code is verified (offline rules: trust list, expiry, revocation), and a
/// valid scan is recorded as a presence event at the checkpoint, so scans feed tracing. The event id
/// is derived from the code and the place, so a scan uploaded twice (an offline queue) counts once.
public struct ScanService: Sendable {
    let store: any HealthRepository
    let vault: PersonalDataVault
    let checkpoints: CheckpointDirectory
    let dccTrust: DCCTrustStore
    let scanRecorder: ScanRecorder
    let clock: WallClock
    let credentials: CredentialService
    let scanTally: ScanTally

    public struct Verdict: Sendable {
        public var valid: Bool
        public var colour: String?
        public var maskedName: String?
        public var error: CredentialError?
        public var recorded: Bool
        /// For an EU DCC: what kinds of record it holds (vaccination, test, recovery).
        public var travelEvidence: [String] = []
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case notACheckpoint(String)
        case outsideJurisdiction(String)
        case scannedTooLongAgo(Date, hours: Int)

        public var description: String {
            switch self {
            case .notACheckpoint(let id): "no checkpoint with id \(id)"
            case .outsideJurisdiction(let id): "checkpoint \(id) is outside your jurisdiction"
            case .scannedTooLongAgo(let at, let hours):
                "scannedAt \(Timestamp.format(at)) is more than \(hours) hours ago: a queued scan must be uploaded within the offline window"
            }
        }
    }

    public func scan(_ text: String, at place: String, by principal: Principal, scannedAt: Date? = nil) async throws -> Verdict {
        try AccessPolicy.check(principal, .scan)
        guard let checkpoint = try await checkpoints.checkpoint(place) else { throw Refusal.notACheckpoint(place) }
        // An operator scans at the gates of their own area (a command centre account sees the city).
        guard let path = checkpoint.areaPath, AccessPolicy.may(principal, .scan, in: AreaPath(path)) else { throw Refusal.outsideJurisdiction(place) }
        // A scan queued offline is judged when it was made (its code was valid then), within the
        // profile's offline window; a time in the future is taken as now. Dated before its code was
        // issued (backdating a visit), the code is "not valid yet" then: refused, nothing recorded.
        let now = clock.now()
        let at = min(scannedAt ?? now, now)
        let window = credentials.rules.offlineWindowHours
        guard now.timeIntervalSince(at) <= Double(window) * 3600 else { throw Refusal.scannedTooLongAgo(at, hours: window) }
        let verdict = try await judge(text.trimmingScannerWhitespace(), at: place, by: principal, when: at)
        // Every judged scan counts on the dashboard; a red or yellow code is turned away like an invalid one.
        await scanTally.count(place: place, at: at, refused: !verdict.valid || (verdict.colour.map { $0 != HealthColour.green.rawValue } ?? false))
        return verdict
    }

    private func judge(_ text: String, at place: String, by principal: Principal, when at: Date) async throws -> Verdict {
        if text.hasPrefix("HC1:") {
            // An EU DCC: travel evidence of someone from elsewhere; no colour of ours, nobody to record.
            switch try dccTrust.check(text, at: at) {
            case .success(let evidence):
                return Verdict(valid: true, colour: nil, maskedName: evidence.maskedName, error: nil, recorded: false, travelEvidence: evidence.types)
            case .failure(let error):
                return Verdict(valid: false, colour: nil, maskedName: nil, error: error, recorded: false)
            }
        }
        let credential: HealthCredential
        do {
            credential = try credentials.verify(text, at: at)
        } catch {
            return Verdict(valid: false, colour: nil, maskedName: nil, error: error, recorded: false)
        }
        guard let holder = vault.openSubject(credential.subject) else {
            // Valid, but issued by another region: the verdict stands, there is nobody here to record.
            return Verdict(valid: true, colour: credential.colour, maskedName: nil, error: nil, recorded: false)
        }
        // One scan of a code at a gate per minute: a paper code passes the same gate on many days, and
        // an offline queue uploaded twice sends the same minute again. The minute comes first so that
        // new ids land at the end of the unique index: random ids (the code's id first) dirtied a
        // different index page for every scan, and each group commit wrote them all to the WAL.
        let id = "SCAN-" + String(Int(at.timeIntervalSince1970) / 60) + "-" + place + "-" + Hex.encode(credential.id)
        let recorded = try await scanRecorder.record(
            PresenceEvent(id: id, person: holder.person, place: place, start: at, end: at.addingTimeInterval(60), source: "checkpoint-scan"),
            by: principal.auditName)
        // A paper code carries the colour of the day it was printed: checked online, the gate shows
        // today's, better or worse, computed as a new code would be. (A phone code is at most minutes
        // old: its colour is current.)
        var colour = credential.colour
        if credential.kind == "paper" { colour = try await credentials.statuses.current(holder.person).colour.rawValue }
        return Verdict(valid: true, colour: colour, maskedName: holder.maskedName, error: nil, recorded: recorded)
    }
}
