import ContactTracing
import Domain
import Foundation
import GridWork

/// Holds what people declared when applying for a code against the feeds the system has —
/// arrivals, lab samples, presence — when they declare (facts already known) and whenever a
/// feed brings more. A contradiction is written on the registration, shown on the person's page,
/// and becomes a task for their grid: a worker checks; no colour changes by it.
public struct DeclarationReview: Sendable {
    let store: any RegistrationRepository & FeedRepository & ResidentRepository & GridRepository
    let profiles: ProfileStore
    let clock: WallClock
    let timeline: TimelineService

    var offset: Int { profiles.profile.colours.dayOffsetMinutes }

    /// Everything the feeds already say about where a person was: arrivals (not their own
    /// declarations), lab samples, and presence from the tracing index when it is loaded.
    public func evidence(of person: String) async throws -> [FeedEvidence] {
        var found = try await store.arrivals(person: person).filter { $0.mode != "declared" }.map {
            FeedEvidence(.arrival, day: CalendarDate(localDayOf: $0.arrivedAt, offsetMinutes: offset), detail: $0.from)
        }
        found += try await store.labResults(person: person).map {
            FeedEvidence(.lab, day: CalendarDate(localDayOf: $0.sampledAt, offsetMinutes: offset), detail: $0.lab ?? $0.test.rawValue)
        }
        if await timeline.isLoaded {
            let index = await timeline.snapshot()
            if let n = index.people.number(of: person) {
                found += index.events(of: n).map {
                    FeedEvidence(.presence, day: CalendarDate(localDayOf: Minutes.date($0.start), offsetMinutes: offset), detail: index.places.name(of: $0.place))
                }
            }
        }
        return found
    }

    /// The declarations feeds may still contradict, the latest per person: read once per import.
    public func openDeclarations() async throws -> [String: Registration] {
        let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: offset)
        let since = clock.now().addingTimeInterval(-Double(CodeApplication.travelWindowDays + 1) * 86_400)
        var latest: [String: Registration] = [:]
        for r in try await store.registrations(since: since) where r.kind != .claim {
            latest[r.person] = r  // oldest first: the last one written wins
        }
        return latest.filter { $0.value.isOpenToEvidence(today: today, offsetMinutes: offset) }
    }

    /// Holds a feed's new facts (by person) against their declarations; returns how many
    /// contradictions were recorded.
    public func review(_ evidence: [String: [FeedEvidence]], declarations: [String: Registration], actor: String) async throws -> Int {
        var recorded = 0
        for (person, facts) in evidence.sorted(by: { $0.key < $1.key }) {
            guard let registration = declarations[person], let conflict = registration.contradiction(with: facts, offsetMinutes: offset) else { continue }
            if try await record(conflict, on: registration, actor: actor) { recorded += 1 }
        }
        return recorded
    }

    /// Writes the contradiction on the registration and raises the grid's task, once per registration.
    @discardableResult
    public func record(_ conflict: DeclarationConflict, on registration: Registration, actor: String) async throws -> Bool {
        guard let home = try await store.resident(id: registration.person), let grid = home.areaID else { return false }
        let now = clock.now()
        let key = RegistrationService.taskKey(.declarationConflict, registration)
        let task = GridTask(
            id: TaskRules.id(for: key), kind: .declarationConflict, factKey: key, gridID: grid, gridPath: home.areaPath, person: registration.person,
            note: "\(Self.declared(registration)) · \(conflict.stored)", createdAt: now, createdBy: "system:registration",
            dueAt: now.addingTimeInterval(Double(profiles.profile.grid.verifyArrivalHours) * 3_600))
        return try await store.recordConflict(
            registrationID: registration.id, conflict: conflict.stored, task: task,
            audit: clock.event(actor, .registrationConflict, kind: "person", id: registration.person, detail: conflict.description))
    }

    /// What was declared about travel, as a code the task page words: `REGION|DAY`, or `none`.
    static func declared(_ r: Registration) -> String {
        guard let region = r.fromRegion else { return "none" }
        return "\(region)|\(r.arrivedOn?.description ?? "")"
    }
}
