/// The one place that decides whether a principal may read or change a record.
///
/// Staff see the subtree of their jurisdiction and nothing else; a resident sees themselves and the
/// dependants they hold as a proxy. Areas above a jurisdiction are readable too (a grid worker may
/// see the name of their own community), but none of the people in them.
public enum AccessPolicy {
    public enum Denial: Error, Equatable, Sendable, CustomStringConvertible {
        case roleMayNot(role: Role, action: AccessAction, kind: String)
        case outsideJurisdiction(kind: String, id: String)

        public var description: String {
            switch self {
            case .roleMayNot(let r, let a, let k): "the role \(r.rawValue) may not \(a.rawValue) a \(k) record"
            case .outsideJurisdiction(let k, let id): "\(k) \(id) is outside your jurisdiction"
            }
        }
    }

    public static func check(_ principal: Principal, _ action: AccessAction, _ record: ProtectedRecord) throws(Denial) {
        switch principal.subject {
        case .resident(let residentID):
            if case .person(let id, _) = record, id == residentID || principal.dependants.contains(id) { return }
            if case .area = record, action == .read { return }
            throw .outsideJurisdiction(kind: record.kind, id: record.id)
        case .staff:
            guard let root = principal.jurisdictionPath else { throw .outsideJurisdiction(kind: record.kind, id: record.id) }
            if case .area(_, let path) = record {
                guard action == .read || principal.role == .admin else {
                    throw .roleMayNot(role: principal.role, action: action, kind: record.kind)
                }
                if path.hasPrefix(root) || root.hasPrefix(path) { return }
                throw .outsideJurisdiction(kind: record.kind, id: record.id)
            }
            let allowed = action == .read ? principal.role.readsPersonRecords : principal.role.writesPersonRecords
            guard allowed else { throw .roleMayNot(role: principal.role, action: action, kind: record.kind) }
            guard record.path.hasPrefix(root) else { throw .outsideJurisdiction(kind: record.kind, id: record.id) }
        }
    }
}
