import Domain
import Foundation

/// The single gate for reading people, households and areas. Every web page and API handler goes
/// through it, so the jurisdiction check and the audit entry cannot be forgotten on a new route:
/// each read of a person's record is audited, and so is each refusal.
public struct PersonDirectory: Sendable {
    let store: any AreaRepository & ResidentRepository & AuditLogRepository
    let clock: WallClock

    /// A resident's record, if the principal may read it (or, with `.writePeople`, act for them);
    /// the read is written to the audit log.
    public func resident(_ id: String, as principal: Principal, for permission: Permission = .readPeople) async throws -> SealedResident {
        // A role that may not open anyone is refused before the look-up: it learns nothing, not even whether the person exists.
        try await authorize(principal, permission, kind: "person", id: id)
        guard let resident = try await store.resident(id: id) else { throw StoreError.notFound(kind: "resident", id: id) }
        try await authorize(principal, permission, .person(id: id, areaPath: resident.areaPath))
        if principal.isStaff {
            try await store.appendAudit(clock.event(principal.auditName, .personRead, kind: "person", id: id))
        }
        return resident
    }

    /// The masked names of the people a page lists (a page of appeals, requests, tasks), in one
    /// read and one audit entry; someone the principal may not read keeps their id.
    public func names(_ ids: [String], as principal: Principal, listing what: String) async throws -> [String: String] {
        guard !ids.isEmpty, principal.isStaff else { return [:] }
        var names: [String: String] = [:]
        for r in try await store.residents(ids: ids) where AccessPolicy.may(principal, .readPeople, in: AreaPath(r.areaPath)) {
            names[r.id] = Masking.name(r.name)
        }
        try await store.appendAudit(
            clock.event(principal.auditName, .personList, kind: what, id: principal.jurisdictionID ?? "", detail: "\(names.count) people named on a list"))
        return names
    }

    /// An area, if it is within (or above) the principal's jurisdiction.
    public func area(_ id: String, as principal: Principal) async throws -> Area {
        try await authorize(principal, .readAreas, kind: "area", id: id)
        guard let area = try await store.area(id: id) else { throw StoreError.notFound(kind: "area", id: id) }
        try await authorize(principal, .readAreas, .area(id: id, path: area.path))
        return area
    }

    /// The areas directly below one the principal may read: all of them inside the jurisdiction;
    /// above it, only the one on the way down (a grid worker on their community's page sees their
    /// own grid, not the names of the others).
    public func children(of area: Area, as principal: Principal) async throws -> [Area] {
        guard let root = principal.jurisdiction else { return [] }
        if root.contains(AreaPath(area.path)) { return try await store.children(of: area.id) }
        guard let next = AreaPath(area.path).nextStep(towards: root), let child = try await store.area(id: next) else { return [] }
        return [child]
    }

    /// May the principal see the people of this area (so that a page lists them)?
    public func mayListPeople(in area: Area, as principal: Principal) -> Bool {
        AccessPolicy.may(principal, .readPeople, in: AreaPath(area.path))
    }

    /// One page of the residents of an area; listing people is reading them, so it is audited.
    public func residents(in area: Area, after: String?, limit: Int, as principal: Principal) async throws -> [SealedResident] {
        try await authorize(principal, .readPeople, .person(id: "*", areaPath: area.path))
        let page = try await store.residents(within: area.path, after: after, limit: limit)
        try await store.appendAudit(
            clock.event(principal.auditName, .personList, kind: "area", id: area.id, detail: "\(page.count) residents after \(after ?? "start")"))
        return page
    }

    /// A household and its members.
    public func household(_ id: String, as principal: Principal, for permission: Permission = .readPeople) async throws -> (Household, [SealedResident]) {
        try await authorize(principal, permission, kind: "household", id: id)
        guard let household = try await store.household(id: id) else { throw StoreError.notFound(kind: "household", id: id) }
        try await authorize(principal, permission, .household(id: id, areaPath: household.areaPath))
        try await store.appendAudit(clock.event(principal.auditName, .householdRead, kind: "household", id: id))
        return (household, try await store.householdMembers(householdID: id))
    }

    /// Applies `AccessPolicy` to a record and audits a refusal before rethrowing it.
    func authorize(_ principal: Principal, _ permission: Permission, _ record: ProtectedRecord) async throws {
        do {
            try AccessPolicy.check(principal, permission, record)
        } catch {
            try await refused(principal, permission, kind: record.kind, id: record.id, error)
        }
    }

    /// Applies the role part of `AccessPolicy` (no record yet) and audits a refusal.
    func authorize(_ principal: Principal, _ permission: Permission, kind: String, id: String) async throws {
        do {
            try AccessPolicy.check(principal, permission)
        } catch {
            try await refused(principal, permission, kind: kind, id: id, error)
        }
    }

    private func refused(_ principal: Principal, _ permission: Permission, kind: String, id: String, _ error: AccessPolicy.Denial) async throws -> Never {
        try await store.appendAudit(
            clock.event(principal.auditName, .accessDenied, kind: kind, id: id, detail: "\(permission.rawValue): \(error.description)"))
        throw error
    }
}
