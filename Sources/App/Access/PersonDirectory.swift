import Domain
import Foundation

/// The single gate for reading people, households and areas. Every web page and API handler goes
/// through it, so the jurisdiction check and the audit entry cannot be forgotten on a new route:
/// each read of a person's record is audited, and so is each refusal.
public struct PersonDirectory: Sendable {
    let services: CordonServices

    public init(services: CordonServices) { self.services = services }

    /// A resident's record, if the principal may read it; the read is written to the audit log.
    public func resident(_ id: String, as principal: Principal) async throws -> SealedResident {
        guard let resident = try await services.store.resident(id: id) else { throw StoreError.notFound(kind: "resident", id: id) }
        try await authorize(principal, .read, .person(id: id, areaPath: resident.areaPath))
        if principal.role.isStaff {
            try await services.store.appendAudit(services.event(principal.auditName, "person.read", kind: "person", id: id))
        }
        return resident
    }

    /// An area, if it is within (or above) the principal's jurisdiction.
    public func area(_ id: String, as principal: Principal) async throws -> Area {
        guard let area = try await services.store.area(id: id) else { throw StoreError.notFound(kind: "area", id: id) }
        try await authorize(principal, .read, .area(id: id, path: area.path))
        return area
    }

    /// The areas directly below one the principal may read, keeping only those they may read too:
    /// a grid worker on their community's page sees their own grid, not the names of the others.
    public func children(of area: Area, as principal: Principal) async throws -> [Area] {
        try await services.store.children(of: area.id).filter { (try? AccessPolicy.check(principal, .read, .area(id: $0.id, path: $0.path))) != nil }
    }

    /// One page of the residents of an area; listing people is reading them, so it is audited.
    public func residents(in area: Area, after: String?, limit: Int, as principal: Principal) async throws -> [SealedResident] {
        try await authorize(principal, .read, .person(id: "*", areaPath: area.path))
        let page = try await services.store.residents(within: area.path, after: after, limit: limit)
        try await services.store.appendAudit(
            services.event(principal.auditName, "person.list", kind: "area", id: area.id, detail: "\(page.count) residents after \(after ?? "start")"))
        return page
    }

    /// A household and its members.
    public func household(_ id: String, as principal: Principal) async throws -> (Household, [SealedResident]) {
        guard let household = try await services.store.household(id: id) else { throw StoreError.notFound(kind: "household", id: id) }
        try await authorize(principal, .read, .household(id: id, areaPath: household.areaPath))
        try await services.store.appendAudit(services.event(principal.auditName, "household.read", kind: "household", id: id))
        return (household, try await services.store.householdMembers(householdID: id))
    }

    /// Applies `AccessPolicy` and audits a refusal before rethrowing it.
    func authorize(_ principal: Principal, _ action: AccessAction, _ record: ProtectedRecord) async throws {
        do {
            try AccessPolicy.check(principal, action, record)
        } catch {
            try await services.store.appendAudit(
                services.event(principal.auditName, "access.denied", kind: record.kind, id: record.id, detail: "\(action.rawValue): \(error.description)"))
            throw error
        }
    }
}
