import Domain
import Foundation
import GridWork

/// Quarantine follow-up (居家隔离14天): the people in quarantine in a grid, each day's sighting by the
/// worker (or the person's own check-in), and who is lost to follow-up. Release and extension are
/// the colour rules' business: a sighting counts as that day's check-in, a day without one extends.
public struct FollowUpService: Sendable {
    let store: any AuditLogRepository & GridRepository & HealthRepository & ResidentRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory
    let statuses: StatusService

    public struct Entry: Sendable {
        public var resident: SealedResident
        public var status: HealthStatus
        public var sheet: FollowUpSheet
    }

    var days: ReportDay { ReportDay(offsetMinutes: profiles.profile.colours.dayOffsetMinutes) }

    /// Everyone in quarantine (red because of a contact) living in the principal's jurisdiction.
    public func quarantined(as principal: Principal) async throws -> [Entry] {
        try AccessPolicy.check(principal, .followUpQuarantine)
        guard let root = principal.jurisdictionPath else { return [] }
        let now = clock.now()
        // Wider than one quarantine: missed check-ins and a missing test extend it, and those are the
        // people follow-up must not lose.
        let since = now.addingTimeInterval(-Double(2 * profiles.profile.colours.quarantineDays + 1) * 86_400)
        let people = Set(try await store.exposuresOfResidents(within: root, since: since).map(\.person)).sorted()
        let today = days.day(of: now)
        var out: [Entry] = []
        for person in people {
            let status = try await statuses.current(person)
            guard status.colour == .red, let reason = status.reasons.first(where: { $0.rule.hasPrefix("contact.") }),
                let resident = try await store.resident(id: person)
            else { continue }
            let start = reason.facts["lastExposure"].flatMap { Timestamp.parse($0) }.map { days.day(of: Date(timeIntervalSince1970: Double($0))) } ?? today
            let checkIns = try await store.checkIns(person: person, since: days.start(of: start))
            let sheet = FollowUpSheet(
                person: person, followUps: try await store.followUps(person: person),
                checkInDays: Set(checkIns.filter { !$0.by.hasPrefix("follow-up:") }.map { days.day(of: $0.at) }), since: start, today: today,
                lostAfterDays: profiles.profile.grid.lostAfterDays)
            out.append(Entry(resident: resident, status: status, sheet: sheet))
        }
        try await store.appendAudit(clock.event(principal.auditName, .personList, kind: "quarantine", id: principal.jurisdictionID ?? "", detail: "\(out.count) in quarantine"))
        return out
    }

    /// Today's sighting of a person (a second one today replaces the first); the colour follows.
    @discardableResult
    public func record(_ person: String, outcome: FollowUpOutcome, temperature: Double?, as principal: Principal) async throws -> FollowUp {
        _ = try await directory.resident(person, as: principal, for: .followUpQuarantine)
        if let t = temperature, !BodyTemperature.isPlausible(t) { throw HouseholdVisitService.VisitError.temperature(person, t) }
        let now = clock.now()
        let f = FollowUp(
            id: "F-" + UUID().uuidString.lowercased(), person: person, day: days.day(of: now), outcome: outcome,
            temperature: outcome == .notSeen ? nil : temperature, by: principal.auditName, at: now)
        try await store.saveFollowUp(f, audit: clock.event(principal.auditName, .followUp(outcome.rawValue), kind: "person", id: person))
        _ = try await statuses.refresh(person)
        return f
    }
}
