/// Something whose access depends on where it is in the area tree.
public enum ProtectedRecord: Sendable, Equatable {
    case person(id: String, areaPath: String)
    case household(id: String, areaPath: String)
    case area(id: String, path: String)
    /// Grid work at a grid or checkpoint (a task, a daily report, a roster, a scan).
    case gridWork(kind: String, id: String, path: String)
    /// An enterprise and what belongs to it (employees' links, reports, applications).
    case enterprise(id: String, path: String)
    /// A pharmacy: its stock and its pickups.
    case pharmacy(id: String, path: String)

    public var kind: String {
        switch self {
        case .person: "person"
        case .household: "household"
        case .area: "area"
        case .gridWork(let kind, _, _): kind
        case .enterprise: "enterprise"
        case .pharmacy: "pharmacy"
        }
    }

    public var id: String {
        switch self {
        case .person(let id, _), .household(let id, _), .area(let id, _), .gridWork(_, let id, _), .enterprise(let id, _), .pharmacy(let id, _): id
        }
    }

    public var path: AreaPath {
        switch self {
        case .person(_, let p), .household(_, let p), .area(_, let p), .gridWork(_, _, let p), .enterprise(_, let p), .pharmacy(_, let p): AreaPath(p)
        }
    }
}
