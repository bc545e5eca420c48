import Domain
import Foundation
import GridWork

/// Directives down the tree (上下联动): an officer or the command centre sends one to every area
/// below theirs down to a level (and a task to every grid, if asked); each area acknowledges it;
/// the sender and those above see who has and has not; a missing acknowledgement escalates a level
/// up every `grid.escalateEveryHours` past its deadline, as a task does.
public struct DirectiveService: Sendable {
    let store: any CommandRepository & AreaRepository & GridRepository & AuditLogRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    /// What a staff member's directives page shows.
    public struct Overview: Sendable {
        public var received: ListPage<ReceivedDirective>
        public var overdueBelow: ListPage<DirectiveRecipient>
        public var sent: ListPage<DirectiveProgress>
        /// The level of the principal's own area (a directive from it goes to the levels below).
        public var level: AreaLevel
    }

    public func send(_ draft: DirectiveDraft, as principal: Principal) async throws -> (directive: Directive, recipients: Int) {
        try await directory.authorize(principal, .sendDirectives, kind: "directive", id: "new")
        let area = try await ownArea(principal)
        let now = clock.now()
        let checked = try draft.check(senderLevel: area.level, now: now, local: LocalTime(offsetMinutes: profiles.profile.colours.dayOffsetMinutes))
        let id = "DIR-" + String(UInt64.random(in: 0...UInt64.max) >> 16, radix: 16)
        let directive = Directive(
            id: id, text: checked.text, sender: principal.auditName, senderName: principal.displayName, areaID: area.id, areaPath: area.path,
            downTo: checked.downTo, deadline: checked.deadline, gridTasks: draft.gridTasks, createdAt: now)
        var tasks: [GridTask] = []
        if draft.gridTasks {
            for grid in try await store.grids(within: area.path) {
                let key = "directive:\(id):\(grid.id)"
                tasks.append(
                    GridTask(
                        id: TaskRules.id(for: key), kind: .manual, factKey: key, gridID: grid.id, gridPath: grid.path, note: checked.text, createdAt: now,
                        createdBy: principal.auditName, dueAt: checked.deadline))
            }
        }
        let levels = AreaLevel.allCases.filter { $0 > area.level && $0 <= checked.downTo }
        let count = try await store.sendDirective(
            directive, levels: levels, tasks: tasks,
            audit: clock.event(principal.auditName, .directiveSend, kind: "directive", id: id, detail: "\(area.id) to \(checked.downTo.rawValue): \(checked.text.prefix(80))"))
        return (directive, count)
    }

    public func overview(as principal: Principal, page: PageRequest) async throws -> Overview {
        try await directory.authorize(principal, .acknowledgeDirectives, kind: "directive", id: "list")
        let area = try await ownArea(principal)
        let now = clock.now()
        let sent: ListPage<DirectiveProgress> =
            AccessPolicy.may(principal, .sendDirectives)
            ? try await store.directivesSent(within: AreaPath(area.path), at: now, page: page) : ListPage(items: [], total: 0, request: page)
        return Overview(
            received: try await store.directivesReceived(areaID: area.id, page: PageRequest(limit: PageRequest.maxLimit)),
            overdueBelow: try await store.overdueAcknowledgements(below: AreaPath(area.path), rank: area.level.rank, at: now, page: PageRequest(limit: PageRequest.maxLimit)),
            sent: sent, level: area.level)
    }

    /// A directive and the areas it went to: for its recipients the text; for the sender's area and
    /// those above it, who has and has not acknowledged.
    public func detail(_ id: String, pendingOnly: Bool, as principal: Principal, page: PageRequest) async throws -> (directive: Directive, recipients: ListPage<DirectiveRecipient>?) {
        try await directory.authorize(principal, .acknowledgeDirectives, kind: "directive", id: id)
        guard let directive = try await store.directive(id: id) else { throw StoreError.notFound(kind: "directive", id: id) }
        guard let root = principal.jurisdiction else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "directive", id: id) }
        let from = AreaPath(directive.areaPath)
        if root.contains(from) {
            return (directive, try await store.directiveRecipients(directiveID: id, pendingOnly: pendingOnly, page: page))
        }
        guard from.isAncestor(of: root) else {
            try await directory.authorize(principal, .acknowledgeDirectives, .area(id: directive.areaID, path: directive.areaPath))
            throw AccessPolicy.Denial.outsideJurisdiction(kind: "directive", id: id)
        }
        return (directive, nil)
    }

    /// The principal's area acknowledges the directive (once; again is not an error).
    @discardableResult
    public func acknowledge(_ id: String, as principal: Principal) async throws -> Bool {
        try await directory.authorize(principal, .acknowledgeDirectives, kind: "directive", id: id)
        let area = try await ownArea(principal)
        guard let directive = try await store.directive(id: id) else { throw StoreError.notFound(kind: "directive", id: id) }
        guard AreaPath(directive.areaPath).isAncestor(of: AreaPath(area.path)) else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "directive", id: id) }
        return try await store.acknowledgeDirective(
            id: id, areaID: area.id, by: principal.auditName, at: clock.now(),
            audit: clock.event(principal.auditName, .directiveAcknowledge, kind: "directive", id: id, detail: area.id))
    }

    /// Each run of the rules: missing acknowledgements go up a level per interval past the deadline.
    public func escalate() async throws -> Int {
        try await store.escalateDirectiveAcknowledgements(at: clock.now(), every: Double(profiles.profile.grid.escalateEveryHours) * 3_600)
    }

    private func ownArea(_ principal: Principal) async throws -> Area {
        guard let id = principal.jurisdictionID, let area = try await store.area(id: id) else {
            throw AccessPolicy.Denial.outsideJurisdiction(kind: "directive", id: principal.jurisdictionID ?? "(none)")
        }
        return area
    }
}
