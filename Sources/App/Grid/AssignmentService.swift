import Domain
import Foundation

/// Who is responsible where: grid workers to grids, officers to communities, streets and districts.
/// A reassignment moves the account's jurisdiction and keeps the history.
public struct AssignmentService: Sendable {
    let store: any AccountRepository & AreaRepository & GridRepository
    let clock: WallClock
    let directory: PersonDirectory

    public enum AssignmentError: Error, Equatable, CustomStringConvertible {
        case wrongLevel(role: Role, level: AreaLevel)

        public var description: String {
            switch self {
            case .wrongLevel(let role, let level): "a \(role.rawValue) is not assigned to a \(level.rawValue)"
            }
        }
    }

    static let levels: [Role: AreaLevel] = [.gridWorker: .grid, .communityOfficer: .community, .streetOfficer: .street, .districtOfficer: .district]

    /// The grid workers and officers within the principal's jurisdiction, each with their assignment history.
    public func staff(as principal: Principal) async throws -> [(account: StaffAccount, history: [Assignment])] {
        try AccessPolicy.check(principal, .assignStaff)
        guard let root = principal.jurisdiction else { return [] }
        let history = Dictionary(grouping: try await store.assignments(ofAccountsWithin: root), by: \.accountID)
        return try await store.accounts(within: root).filter { Self.levels[$0.role] != nil }.map { ($0, history[$0.id] ?? []) }
    }

    public func assign(account accountID: String, to areaID: String, as principal: Principal) async throws {
        guard let account = try await store.account(id: accountID) else { throw StoreError.notFound(kind: "account", id: accountID) }
        guard let area = try await store.area(id: areaID) else { throw StoreError.notFound(kind: "area", id: areaID) }
        if let level = Self.levels[account.role], level != area.level { throw AssignmentError.wrongLevel(role: account.role, level: area.level) }
        // Officers above, the command centre and administrators assign, holding both the old and the new area.
        try await directory.authorize(principal, .assignStaff, .gridWork(kind: "account", id: accountID, path: account.jurisdictionPath))
        try await directory.authorize(principal, .assignStaff, .area(id: areaID, path: area.path))
        try await store.assign(
            Assignment(accountID: accountID, areaID: areaID, from: clock.now(), by: principal.auditName), areaPath: area.path,
            audit: clock.event(principal.auditName, .accountAssign, kind: "account", id: accountID, detail: "\(account.jurisdictionID) → \(areaID)"))
    }
}
