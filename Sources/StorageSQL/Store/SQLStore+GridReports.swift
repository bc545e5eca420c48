import Domain
import Foundation

/// Grids' daily reports, and what their completeness and figures read.
extension SQLStore {
    public func saveDailyReports(_ reports: [DailyReport], audit: AuditEvent) async throws {
        // One row per grid and day, the last of the batch winning as a re-submission would: one
        // PostgreSQL INSERT … ON CONFLICT DO UPDATE cannot change the same row twice.
        var seen = Set<[String]>()
        let latest = reports.reversed().filter { seen.insert([$0.gridID, $0.day.description]).inserted }.reversed()
        let rows: [[SQLValue]] = try latest.map {
            [.text($0.gridID), .text($0.day.description), .text($0.gridPath), .boolean($0.zero), .boolean($0.late), .text(try GridJSON.text($0))]
        }
        try await db.write { tx in
            if !rows.isEmpty {
                try await tx.insert(
                    RowInsert(
                        into: "daily_reports", columns: ["grid_id", "day", "grid_path", "zero", "late", "doc"], rows: rows,
                        conflict: "ON CONFLICT (grid_id, day) DO UPDATE SET grid_path = excluded.grid_path, zero = excluded.zero, late = excluded.late, doc = excluded.doc"))
            }
            try await self.append(audit, in: tx)
        }
    }

    public func dailyReports(within path: String, day: CalendarDate) async throws -> [DailyReport] {
        try await db.query(
            "SELECT doc FROM daily_reports WHERE day = \(day.description) AND grid_path >= \(path) AND grid_path < \(path + "~")", DailyReport.init(row:))
    }

    public func reportSubmissions(within path: String, day: CalendarDate) async throws -> [(gridID: String, zero: Bool, late: Bool)] {
        try await db.query("SELECT grid_id, zero, late FROM daily_reports WHERE day = \(day.description) AND grid_path >= \(path) AND grid_path < \(path + "~")") {
            (gridID: try $0.value("grid_id", as: String.self), zero: try $0.value("zero", as: Bool.self), late: try $0.value("late", as: Bool.self))
        }
    }

    public func grids(within path: String) async throws -> [(id: String, path: String, name: String)] {
        try await db.query("SELECT id, path, name FROM areas WHERE level = 'grid' AND path >= \(path) AND path < \(path + "~") ORDER BY path") {
            (id: try $0.value("id", as: String.self), path: try $0.value("path", as: String.self), name: try $0.value("name", as: String.self))
        }
    }

    public func exposuresOfResidents(within path: String, since: Date) async throws -> [ContactExposure] {
        try await db.query(
            """
            SELECT e.* FROM exposures e JOIN residents r ON r.id = e.person
            WHERE r.area_path >= \(path) AND r.area_path < \(path + "~") AND e.last_exposure >= \(since.seconds) ORDER BY e.person, e.case_id
            """, ContactExposure.init(row:))
    }
}
