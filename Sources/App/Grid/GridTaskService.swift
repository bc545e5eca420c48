import Domain
import Foundation
import GridWork
import HealthRules

/// Tasks from the centre to the grid (issue 6): made by the profile's rules from the facts, by hand
/// by officers, worked by the grid's worker, escalated up the tree when overdue. Every change is
/// audited; every read and write is checked against the principal's jurisdiction.
public struct GridTaskService: Sendable {
    let store: any AreaRepository & GridRepository & ResidentRepository & PlaceRepository & AuditLogRepository
    let profiles: ProfileStore
    let clock: WallClock
    let recentFacts: RecentFacts
    let homes: GridHomes
    let directory: PersonDirectory

    public enum TaskError: Error, Equatable, CustomStringConvertible {
        case reasonRequired
        case notAGrid(String)
        case closed(String)
        case changedMeanwhile(String)

        public var description: String {
            switch self {
            case .reasonRequired: "a failed task needs the reason"
            case .notAGrid(let id): "\(id) is not a grid"
            case .closed(let id): "task \(id) is already closed"
            case .changedMeanwhile(let id): "task \(id) was changed by someone else meanwhile: look at it again"
            }
        }
    }

    /// Runs every task rule over the current facts (`facts`, read when not given); returns the tasks that are new.
    @discardableResult
    public func generate(facts given: HealthFactRows? = nil) async throws -> [GridTask] {
        let now = clock.now()
        let profile = profiles.profile
        let rules = TaskRules(grid: profile.grid, colours: profile.colours, now: now)
        let facts: HealthFactRows
        if let given { facts = given } else { facts = try await recentFacts.load() }
        let days = ReportDay(offsetMinutes: profile.colours.dayOffsetMinutes)

        let quarantine = profile.colours.quarantineDays
        let inQuarantine = facts.exposures.filter {
            $0.isRed && now.timeIntervalSince($0.lastExposure) < Double(quarantine) * 86_400
        }
        // Yesterday is the last whole day: a person in quarantine since before it with no check-in on it.
        let yesterday = CalendarDate(daysSinceEpoch: days.day(of: now).daysSinceEpoch - 1)
        let checkedIn = Set(facts.checkIns.filter { days.day(of: $0.at) == yesterday }.map(\.person))
        let missed = Set(inQuarantine.filter { days.day(of: $0.lastExposure) < yesterday }.map(\.person))
            .subtracting(checkedIn).sorted().map { (person: $0, day: yesterday) }
        let cases = Set(facts.caseRecords.filter { $0.status != .discarded }.map(\.person))
            .union(facts.labs.filter { $0.result == .positive }.map(\.person))
            .subtracting(facts.caseRecords.filter { $0.status == .discarded }.map(\.person)).sorted()

        let people = Set(facts.arrivals.map(\.person)).union(inQuarantine.map(\.person)).union(cases)
        let homes = try await self.homes.homes(of: people)
        var households: [String: [Home]] = [:]
        for compound in Set(cases.compactMap { homes[$0]?.compound }) {
            households[compound] = try await self.homes.households(compound: compound)
        }
        let tasks = rules.verifyArrivals(facts.arrivals, homes: homes) + rules.quarantineOrders(inQuarantine, homes: homes)
            + rules.screenings(cases: cases, homes: homes, householdsByCompound: households) + rules.missedCheckIns(missed, homes: homes)
        guard !tasks.isEmpty else { return [] }
        // Most facts already have their task: ask first, so a quiet minute writes nothing.
        let known = try await store.existingTaskKeys(tasks.map(\.factKey))
        let fresh = tasks.filter { !known.contains($0.factKey) }
        guard !fresh.isEmpty else { return [] }
        return try await store.insertTasks(fresh, audit: clock.event(rules.actor, .taskGenerate, detail: "\(fresh.count) tasks"))
    }

    /// Raises the escalation of overdue tasks; returns those escalated now.
    @discardableResult
    public func escalate() async throws -> [GridTask] {
        let now = clock.now()
        var out: [GridTask] = []
        let every = Double(profiles.profile.grid.escalateEveryHours) * 3600
        for previous in try await store.tasksDueForEscalation(at: now, every: every, limit: 10_000) {
            var task = previous
            let level = Escalation.level(of: task, at: now, rules: profiles.profile.grid)
            guard level > task.escalation else { continue }
            task.escalation = level
            task.updatedAt = now
            task.updatedBy = "system:escalation"
            let to = Escalation.area(gridPath: task.gridPath, level: level) ?? "?"
            // Closed by its worker in the meantime: nothing to escalate.
            guard try await store.updateTask(
                task, from: previous, audit: clock.event("system:escalation", .taskEscalate, kind: "task", id: task.id, detail: "level \(level) to \(to)"))
            else { continue }
            out.append(task)
        }
        return out
    }

    /// The tasks a principal sees: their jurisdiction's, open first.
    public func tasks(for principal: Principal, states: Set<TaskState> = [.open, .inProgress]) async throws -> [GridTask] {
        try AccessPolicy.check(principal, .workTasks)
        guard let root = principal.jurisdictionPath else { return [] }
        return try await store.tasks(within: root, states: states, limit: 2_000)
    }

    /// One page of the tasks a principal sees, in their jurisdiction or one area of it (checked,
    /// a refusal audited), filtered and counted in the store.
    public func tasks(for principal: Principal, in areaID: String?, filter: TaskFilter, page: PageRequest) async throws -> ListPage<GridTask> {
        try AccessPolicy.check(principal, .workTasks)
        guard let root = try await scope(principal, areaID) else { return ListPage(items: [], total: 0, request: page) }
        return try await store.tasks(within: root, filter: filter, page: page)
    }

    /// How many tasks of each kind are in each state, where the principal looks.
    public func counts(for principal: Principal, in areaID: String?, states: Set<TaskState> = Set(TaskState.allCases)) async throws -> [TaskCount] {
        try AccessPolicy.check(principal, .workTasks)
        guard let root = try await scope(principal, areaID) else { return [] }
        return try await store.taskCounts(within: root, states: states)
    }

    /// What a task list shows instead of ids: each task's person by (masked) name, and the areas
    /// tasks escalated to by name. Reading the names of a list of people is audited as one list read.
    /// What a task list names: people (masked), escalation areas and places, by id.
    public struct Labels: Sendable {
        public var people: [String: String] = [:]
        public var areas: [String: String] = [:]
        public var places: [String: String] = [:]
    }

    /// Names for a page of tasks: their people and the extra people and places their notes mention
    /// (one audited read for the people), and the areas they were escalated to.
    public func labels(for tasks: [GridTask], mentioning extra: (people: [String], places: [String]), as principal: Principal) async throws -> Labels {
        var labels = Labels()
        let ids = Set(tasks.compactMap(\.person) + extra.people)
        if !ids.isEmpty {
            for resident in try await store.residents(ids: Array(ids)) { labels.people[resident.id] = Masking.name(resident.name) }
            try await store.appendAudit(
                clock.event(principal.auditName, .personList, kind: "tasks", id: principal.jurisdictionID ?? "", detail: "\(labels.people.count) people named on a task list"))
        }
        for id in Set(tasks.compactMap { $0.escalation > 0 ? Escalation.area(gridPath: $0.gridPath, level: $0.escalation) : nil }) {
            labels.areas[id] = try await store.area(id: id)?.name ?? id
        }
        for id in Set(extra.places + tasks.compactMap(\.place)) { labels.places[id] = try await store.place(id: id)?.name }
        return labels
    }

    private func scope(_ principal: Principal, _ areaID: String?) async throws -> String? {
        guard let root = principal.jurisdictionPath else { return nil }
        guard let areaID else { return root }
        return try await directory.area(areaID, as: principal).path
    }

    public func task(_ id: String, as principal: Principal) async throws -> GridTask {
        try AccessPolicy.check(principal, .workTasks)
        guard let task = try await store.task(id: id) else { throw StoreError.notFound(kind: "task", id: id) }
        try await directory.authorize(principal, .workTasks, .gridWork(kind: "task", id: id, path: task.gridPath))
        return task
    }

    /// Moves a task on (started, done, failed with a reason).
    public func update(_ id: String, to state: TaskState, reason: String?, as principal: Principal) async throws -> GridTask {
        let previous = try await task(id, as: principal)
        var task = previous
        guard task.isOpen else { throw TaskError.closed(id) }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if state == .failed, (reason ?? "").isEmpty { throw TaskError.reasonRequired }
        task.state = state
        task.stateReason = reason?.isEmpty == true ? nil : reason
        task.updatedAt = clock.now()
        task.updatedBy = principal.auditName
        guard try await store.updateTask(
            task, from: previous, audit: clock.event(principal.auditName, .task(state.rawValue), kind: "task", id: id, detail: reason ?? ""))
        else { throw TaskError.changedMeanwhile(id) }
        return task
    }

    /// An officer's task for a grid of their jurisdiction.
    public func create(grid gridID: String, note: String, due: Date, person: String?, as principal: Principal) async throws -> GridTask {
        try AccessPolicy.check(principal, .createTasks)
        guard let grid = try await store.area(id: gridID), grid.level == .grid else { throw TaskError.notAGrid(gridID) }
        try await directory.authorize(principal, .createTasks, .gridWork(kind: "task", id: gridID, path: grid.path))
        let now = clock.now()
        let key = "manual:\(UUID().uuidString)"
        let task = GridTask(
            id: TaskRules.id(for: key), kind: .manual, factKey: key, gridID: grid.id, gridPath: grid.path, person: person, note: note,
            createdAt: now, createdBy: principal.auditName, dueAt: due)
        _ = try await store.insertTasks([task], audit: clock.event(principal.auditName, .taskCreate, kind: "task", id: task.id, detail: note))
        return task
    }
}
