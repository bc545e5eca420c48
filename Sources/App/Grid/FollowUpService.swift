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

    /// The people in quarantine (red because of a contact) living in the principal's jurisdiction,
    /// or in one area of it, a page at a time; the store filters, orders and counts.
    public func quarantined(as principal: Principal, in areaID: String? = nil, page: PageRequest = PageRequest()) async throws -> ListPage<Entry> {
        try AccessPolicy.check(principal, .followUpQuarantine)
        guard var root = principal.jurisdiction else { return ListPage(items: [], total: 0, request: page) }
        if let areaID { root = AreaPath(try await directory.area(areaID, as: principal).path) }  // inside the jurisdiction, or refused and audited
        let now = clock.now()
        // Wider than one quarantine: missed check-ins and a missing test extend it, and those are the
        // people follow-up must not lose.
        let since = now.addingTimeInterval(-Double(2 * profiles.profile.colours.quarantineDays + 1) * 86_400)
        let found = try await store.quarantined(within: root, since: since, page: page)
        let today = days.day(of: now)
        // When each person's quarantine started: their last exposure, as the status says.
        let starts = Dictionary(uniqueKeysWithValues: found.items.map { q in
            let reason = q.status.reasons.first { $0.rule.hasPrefix("contact.") }
            let start = reason?.facts["lastExposure"].flatMap { Timestamp.parse($0) }.map { days.day(of: Date(timeIntervalSince1970: Double($0))) } ?? today
            return (q.resident.id, start)
        })
        let people = found.items.map(\.resident.id)
        let earliest = starts.values.min() ?? today
        let checkIns = Dictionary(grouping: try await store.checkIns(people: people, since: days.start(of: earliest)), by: \.person)
        let followUps = Dictionary(grouping: try await store.followUps(people: people, since: earliest), by: \.person)
        let entries = found.map { q in
            let person = q.resident.id, start = starts[person] ?? today
            let own = (checkIns[person] ?? []).filter { !$0.by.hasPrefix("follow-up:") && $0.at >= days.start(of: start) }
            let sheet = FollowUpSheet(
                person: person, followUps: followUps[person] ?? [], checkInDays: Set(own.map { days.day(of: $0.at) }), since: start, today: today,
                lostAfterDays: profiles.profile.grid.lostAfterDays)
            return Entry(resident: q.resident, status: q.status, sheet: sheet)
        }
        try await store.appendAudit(
            clock.event(
                principal.auditName, .personList, kind: "quarantine", id: areaID ?? principal.jurisdictionID ?? "",
                detail: "\(entries.items.count) of \(entries.total) in quarantine"))
        return entries
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
