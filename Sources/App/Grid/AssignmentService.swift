import Domain
import Foundation

/// Who is responsible where: grid workers to grids, officers to communities, streets and districts.
/// A reassignment moves the account's jurisdiction and keeps the history.
public struct AssignmentService: Sendable {
    let services: CordonServices

    public init(services: CordonServices) { self.services = services }

    public enum AssignmentError: Error, Equatable, CustomStringConvertible {
        case wrongLevel(role: Role, level: AreaLevel)

        public var description: String {
            switch self {
            case .wrongLevel(let role, let level): "a \(role.rawValue) is not assigned to a \(level.rawValue)"
            }
        }
    }

    static let assigners: Set<Role> = [.communityOfficer, .streetOfficer, .districtOfficer, .commandCentre, .admin]
    static let levels: [Role: AreaLevel] = [.gridWorker: .grid, .communityOfficer: .community, .streetOfficer: .street, .districtOfficer: .district]

    public func assign(account accountID: String, to areaID: String, as principal: Principal) async throws {
        guard let account = try await services.store.account(id: accountID) else { throw StoreError.notFound(kind: "account", id: accountID) }
        guard let area = try await services.store.area(id: areaID) else { throw StoreError.notFound(kind: "area", id: areaID) }
        if let level = Self.levels[account.role], level != area.level { throw AssignmentError.wrongLevel(role: account.role, level: area.level) }
        // Officers above, the command centre and administrators assign, holding both the old and the new area.
        guard Self.assigners.contains(principal.role), let root = principal.jurisdictionPath,
            account.jurisdictionPath.hasPrefix(root), area.path.hasPrefix(root)
        else {
            let denial = Self.assigners.contains(principal.role)
                ? AccessPolicy.Denial.outsideJurisdiction(kind: "account", id: accountID)
                : AccessPolicy.Denial.roleMayNot(role: principal.role, action: .write, kind: "assignment")
            try await services.store.appendAudit(
                services.event(principal.auditName, "access.denied", kind: "account", id: accountID, detail: "assign: \(denial.description)"))
            throw denial
        }
        try await services.store.assign(
            Assignment(accountID: accountID, areaID: areaID, from: services.now(), by: principal.auditName), areaPath: area.path,
            audit: services.event(principal.auditName, "account.assign", kind: "account", id: accountID, detail: "\(account.jurisdictionID) → \(areaID)"))
    }
}
