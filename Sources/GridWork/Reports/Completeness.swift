import Domain
import Foundation

/// Which grids reported today, rolled up the area tree (日报告和零报告制度): for an area, each child
/// area's count of grids, reports, zero reports, late reports and missing grids, and the missing
/// grids by name. Works on ids and paths only, so a district's 85,000 grids take milliseconds.
public struct Completeness: Sendable {
    public struct Row: Sendable, Equatable {
        public var areaID: String
        public var grids = 0
        public var submitted = 0
        public var zero = 0
        public var late = 0
        public var missing: Int { grids - submitted }

        /// Counts one grid and its submission, if any.
        mutating func add(_ s: Submission?) {
            grids += 1
            guard let s else { return }
            submitted += 1
            if s.zero { zero += 1 }
            if s.late { late += 1 }
        }
    }

    public struct Submission: Sendable {
        public var gridID: String
        public var zero: Bool
        public var late: Bool

        public init(gridID: String, zero: Bool, late: Bool) {
            self.gridID = gridID
            self.zero = zero
            self.late = late
        }
    }

    public var total: Row
    /// One row per child of the area, in path order.
    public var children: [Row]
    /// Grids without a report: id and path.
    public var missing: [(id: String, path: String)]

    /// - Parameters:
    ///   - rootPath: the area's path; every grid given must lie below it.
    ///   - grids: the grids below the area (id, path), in path order.
    public init(rootPath: String, rootID: String, grids: [(id: String, path: String)], submissions: [Submission]) {
        let byGrid = Dictionary(submissions.map { ($0.gridID, $0) }, uniquingKeysWith: { a, _ in a })
        var total = Row(areaID: rootID)
        var children: [Row] = []
        var index: [Substring: Int] = [:]
        var missing: [(String, String)] = []
        let depth = rootPath.utf8.count
        for grid in grids {
            let submission = byGrid[grid.id]
            total.add(submission)
            if submission == nil { missing.append((grid.id, grid.path)) }
            // The child of the root this grid lies under: the next path component (none when the
            // root is this grid itself, a grid worker's own page).
            let rest = grid.path.utf8.dropFirst(depth)
            let end = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            let child = Substring(grid.path)[rest.startIndex..<end]
            guard !child.isEmpty else { continue }
            let i: Int
            if let known = index[child] {
                i = known
            } else {
                i = children.count
                index[child] = i
                children.append(Row(areaID: String(child)))
            }
            children[i].add(submission)
        }
        self.total = total
        self.children = children
        self.missing = missing
    }
}
