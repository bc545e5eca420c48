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
        // Every judged scan counts on the dashboard.
        scanTally.count(place: place, at: at, refused: Self.turnedAway(verdict))
        return verdict
    }

    /// A red or yellow code is turned away like an invalid one.
    static func turnedAway(_ verdict: Verdict) -> Bool {
        !verdict.valid || (verdict.colour.map { $0 != HealthColour.green.rawValue } ?? false)
    }

    /// One scan of a gate's batch: the code, the checkpoint, when it was made (queued offline).
    public struct QueuedScan: Sendable {
        public var text: String
        public var place: String
        public var scannedAt: Date?
        public init(text: String, place: String, scannedAt: Date? = nil) {
            (self.text, self.place, self.scannedAt) = (text, place, scannedAt)
        }
    }

    /// The most scans one batch may carry: a gate's queue of an offline hour comes in a few.
    public static let maxBatch = 500

    /// A gate's queue at once (POST /api/v1/scans/batch): each scan judged as `scan` judges it, the
    /// signatures checked on every core, the valid ones recorded in one commit, an answer per scan
    /// in order. A scan sent again (the gate did not hear the answer) is valid and not recorded twice.
    public func scan(batch: [QueuedScan], by principal: Principal) async throws -> [Result<Verdict, Refusal>] {
        try AccessPolicy.check(principal, .scan)
        let now = clock.now()
        let window = credentials.rules.offlineWindowHours
        // What the gate may not do stays per scan: an unknown checkpoint, another area, too old.
        var checked: [Result<(scan: QueuedScan, at: Date), Refusal>] = []
        checked.reserveCapacity(batch.count)
        for item in batch {
            guard let checkpoint = try await checkpoints.checkpoint(item.place) else {
                checked.append(.failure(.notACheckpoint(item.place)))
                continue
            }
            guard let path = checkpoint.areaPath, AccessPolicy.may(principal, .scan, in: AreaPath(path)) else {
                checked.append(.failure(.outsideJurisdiction(item.place)))
                continue
            }
            let at = min(item.scannedAt ?? now, now)
            guard now.timeIntervalSince(at) <= Double(window) * 3600 else {
                checked.append(.failure(.scannedTooLongAgo(at, hours: window)))
                continue
            }
            checked.append(.success((item, at)))
        }
        // The signatures, the CPU of a scan: split over the cores.
        let judged = try await verifyAll(checked.map { try? $0.get() })
        // Valid codes of our residents: recorded together, a code sent twice in the batch once.
        var events: [PresenceEvent] = []
        var eventOf: [Int: Int] = [:]
        var seen: Set<String> = []
        for (i, j) in judged.enumerated() {
            guard case .holder(let event, _, _, _)? = j, seen.insert(event.id).inserted else { continue }
            eventOf[i] = events.count
            events.append(event)
        }
        let recorded = try await scanRecorder.record(events, by: principal.auditName)
        var answers: [Result<Verdict, Refusal>] = []
        answers.reserveCapacity(batch.count)
        var tallied: [(place: String, at: Date, refused: Bool)] = []
        tallied.reserveCapacity(batch.count)
        for (i, item) in checked.enumerated() {
            switch (item, judged[i]) {
            case (.failure(let refusal), _):
                answers.append(.failure(refusal))
                continue
            case (.success, .verdict(let verdict)?):
                answers.append(.success(verdict))
            case (.success, .holder(let event, let colour, let maskedName, let kind)?):
                let new = eventOf[i].map { recorded[$0] } ?? false
                answers.append(.success(try await verdict(of: event.person, colour: colour, maskedName: maskedName, kind: kind, recorded: new)))
            case (.success, nil):
                continue
            }
            if case .success((_, let at)) = item, case .success(let verdict) = answers[answers.count - 1] {
                tallied.append((batch[i].place, at, Self.turnedAway(verdict)))
            }
        }
        scanTally.count(tallied)
        return answers
    }

    /// What verifying one scan found: a verdict already, or a resident of ours to record.
    enum Judged: Sendable {
        case verdict(Verdict)
        /// The presence to record, the code's colour, the masked name, the code's kind.
        case holder(PresenceEvent, colour: String, maskedName: String?, kind: String)
    }

    /// Verifies each scan (nil: refused before) on every core, in order.
    private func verifyAll(_ scans: [(scan: QueuedScan, at: Date)?]) async throws -> [Judged?] {
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, scans.count / 8))
        return try await withThrowingTaskGroup(of: (Int, [Judged?]).self) { group in
            for part in 0..<cores {
                let range = (scans.count * part / cores)..<(scans.count * (part + 1) / cores)
                group.addTask {
                    (part, try range.map { i in try scans[i].map { try verify($0.scan.text.trimmingScannerWhitespace(), at: $0.scan.place, when: $0.at) } })
                }
            }
            var parts = [[Judged?]](repeating: [], count: cores)
            for try await (part, judged) in group { parts[part] = judged }
            return parts.flatMap { $0 }
        }
    }

    /// The CPU half of judging a scan (no store): the signature, the holder.
    private func verify(_ text: String, at place: String, when at: Date) throws -> Judged {
        if text.hasPrefix("HC1:") {
            // An EU DCC: travel evidence of someone from elsewhere; no colour of ours, nobody to record.
            switch try dccTrust.check(text, at: at) {
            case .success(let evidence):
                return .verdict(Verdict(valid: true, colour: nil, maskedName: evidence.maskedName, error: nil, recorded: false, travelEvidence: evidence.types))
            case .failure(let error):
                return .verdict(Verdict(valid: false, colour: nil, maskedName: nil, error: error, recorded: false))
            }
        }
        let credential: HealthCredential
        do {
            credential = try credentials.verify(text, at: at)
        } catch {
            return .verdict(Verdict(valid: false, colour: nil, maskedName: nil, error: error, recorded: false))
        }
        guard let holder = vault.openSubject(credential.subject) else {
            // Valid, but issued by another region: the verdict stands, there is nobody here to record.
            return .verdict(Verdict(valid: true, colour: credential.colour, maskedName: nil, error: nil, recorded: false))
        }
        return .holder(Self.presence(of: credential, person: holder.person, at: place, when: at), colour: credential.colour, maskedName: holder.maskedName, kind: credential.kind)
    }

    /// One scan of a code at a gate per minute: a paper code passes the same gate on many days, and
    /// an offline queue uploaded twice sends the same minute again. The minute comes first so that
    /// new ids land at the end of the unique index: random ids (the code's id first) dirtied a
    /// different index page for every scan, and each group commit wrote them all to the WAL.
    static func presence(of credential: HealthCredential, person: String, at place: String, when at: Date) -> PresenceEvent {
        let id = "SCAN-" + String(Int(at.timeIntervalSince1970) / 60) + "-" + place + "-" + Hex.encode(credential.id)
        return PresenceEvent(id: id, person: person, place: place, start: at, end: at.addingTimeInterval(60), source: "checkpoint-scan")
    }

    private func judge(_ text: String, at place: String, by principal: Principal, when at: Date) async throws -> Verdict {
        switch try verify(text, at: place, when: at) {
        case .verdict(let verdict):
            return verdict
        case .holder(let event, let colour, let maskedName, let kind):
            let recorded = try await scanRecorder.record(event, by: principal.auditName)
            return try await verdict(of: event.person, colour: colour, maskedName: maskedName, kind: kind, recorded: recorded)
        }
    }

    /// A valid code of a resident of ours. A paper code carries the colour of the day it was
    /// printed: checked online, the gate shows today's, better or worse, computed as a new code
    /// would be. (A phone code is at most minutes old: its colour is current.)
    private func verdict(of person: String, colour: String, maskedName: String?, kind: String, recorded: Bool) async throws -> Verdict {
        let today = kind == "paper" ? try await credentials.statuses.current(person).colour.rawValue : colour
        return Verdict(valid: true, colour: today, maskedName: maskedName, error: nil, recorded: recorded)
    }
}
