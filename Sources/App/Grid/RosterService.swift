import Domain
import Foundation
import GridWork

/// Checkpoint duty rosters (卡口24小时值守): shifts per checkpoint with who is on them, when each
/// shift actually started and ended, and the unstaffed hours of the next 24.
public struct RosterService: Sendable {
    let store: any GridRepository & PlaceRepository
    let checkpoints: CheckpointDirectory
    let clock: WallClock
    let directory: PersonDirectory

    public enum RosterError: Error, Equatable, CustomStringConvertible {
        case notACheckpoint(String)
        case endsBeforeStart
        case tooLong
        case nobody

        public var description: String {
            switch self {
            case .notACheckpoint(let id): "\(id) is not a checkpoint"
            case .endsBeforeStart: "the shift ends before it starts"
            case .tooLong: "a shift lasts at most 24 hours"
            case .nobody: "name at least one person on the shift"
            }
        }
    }

    public struct Checkpoint: Sendable {
        public var place: Place
        public var shifts: [DutyShift]
        public var gaps: [(from: Date, to: Date)]
    }

    func checkpoint(_ id: String, as principal: Principal) async throws -> Place {
        try AccessPolicy.check(principal, .manageRosters)
        guard let place = try await store.place(id: id), place.kind == .checkpoint, let path = try await checkpoints.checkpoint(id)?.areaPath
        else { throw RosterError.notACheckpoint(id) }
        try await directory.authorize(principal, .manageRosters, .gridWork(kind: "roster", id: id, path: path))
        return place
    }

    /// The checkpoints of the principal's jurisdiction with their shifts and gaps over the next 24 hours.
    public func rosters(as principal: Principal) async throws -> [Checkpoint] {
        try AccessPolicy.check(principal, .manageRosters)
        guard let root = principal.jurisdiction else { return [] }
        let now = clock.now(), until = now.addingTimeInterval(86_400)
        let places = try await store.places(kind: .checkpoint, within: root)
        let shifts = Dictionary(grouping: try await store.shifts(places: places.map(\.id), from: now, to: until), by: \.place)
        return places.map { place in
            let mine = shifts[place.id] ?? []
            return Checkpoint(place: place, shifts: mine, gaps: RosterGaps.gaps(mine, from: now, to: until))
        }
    }

    @discardableResult
    public func plan(at placeID: String, from: Date, to: Date, staff: [String], as principal: Principal) async throws -> DutyShift {
        _ = try await checkpoint(placeID, as: principal)
        guard to > from else { throw RosterError.endsBeforeStart }
        guard to.timeIntervalSince(from) <= 86_400 else { throw RosterError.tooLong }
        let staff = staff.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !staff.isEmpty else { throw RosterError.nobody }
        let shift = DutyShift(id: "S-" + UUID().uuidString.lowercased(), place: placeID, startsAt: from, endsAt: to, staff: staff)
        try await store.saveShift(shift, audit: clock.event(principal.auditName, .rosterPlan, kind: "place", id: placeID, detail: shift.id))
        return shift
    }

    /// Records that a shift started (or ended) now.
    @discardableResult
    public func mark(_ shiftID: String, started: Bool, as principal: Principal) async throws -> DutyShift {
        guard var shift = try await store.shift(id: shiftID) else { throw StoreError.notFound(kind: "shift", id: shiftID) }
        _ = try await checkpoint(shift.place, as: principal)
        if started { shift.startedAt = clock.now() } else { shift.endedAt = clock.now() }
        try await store.saveShift(
            shift, audit: clock.event(principal.auditName, started ? .rosterStart : .rosterEnd, kind: "place", id: shift.place, detail: shiftID))
        return shift
    }
}
