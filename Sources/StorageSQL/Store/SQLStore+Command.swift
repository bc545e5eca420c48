import Domain
import Foundation

extension SQLStore {
    public func dashboardFigures(within area: AreaPath, children: [AreaPath], window: DashboardWindow, withNotifications: Bool) async throws -> DashboardFigures {
        let (lower, upper) = (area.lowerBound, area.upperBound)
        let now = window.now.seconds
        let day = window.day.description
        // One read: every tile describes the same moment.
        return try await db.read { r in
            // Residents: one range count per area below and those living at the area itself, in one
            // statement of UNION ALL branches (together one pass over the area's path index, as one
            // COUNT(*) of the area is; PostgreSQL spreads the branches over its parallel workers).
            var counts: SQL = "SELECT CAST(0 AS BIGINT) AS branch, count(*) AS people FROM residents WHERE area_path = \(area.rawValue)"
            for (i, child) in children.enumerated() {
                counts.append(" UNION ALL SELECT CAST(\(Int64(i + 1)) AS BIGINT), count(*) FROM residents WHERE area_path >= \(child.lowerBound) AND area_path < \(child.upperBound)")
            }
            let paths = [area.rawValue] + children.map(\.rawValue)
            let population: [(String, Int)] = try await r.query(counts) { row in
                (paths[Int(try row.value(at: 0, as: Int64.self))], Int(try row.value(at: 1, as: Int64.self)))
            }

            // Cases start from the few people with a positive result or a case record, not from residents.
            let cases = try await r.query(
                """
                SELECT k.person, r.area_path, p.first_positive, p.any_pcr, c.status, c.onset, c.isolated_at, c.outcome, c.updated_by, c.updated_at
                FROM (SELECT person FROM lab_results WHERE result = 'positive' UNION SELECT person FROM case_records) k
                JOIN residents r ON r.id = k.person
                LEFT JOIN (
                    SELECT person, MIN(sampled_at) AS first_positive, CAST(MAX(CASE WHEN test = 'pcr' THEN 1 ELSE 0 END) AS BIGINT) AS any_pcr
                    FROM lab_results WHERE result = 'positive' GROUP BY person
                ) p ON p.person = k.person
                LEFT JOIN case_records c ON c.person = k.person
                WHERE r.area_path >= \(lower) AND r.area_path < \(upper)
                ORDER BY k.person
                """
            ) { row in
                let person: String = try row.value("person")
                var record: CaseRecord?
                if let status = try row.value("status", as: String?.self) {
                    guard let status = CaseRecordStatus(rawValue: status) else { throw StoreError.unavailable("case record of \(person) with unknown status \"\(status)\"") }
                    record = CaseRecord(
                        person: person, status: status, onset: try row.value("onset", as: Int64?.self).map(Date.init(seconds:)),
                        isolatedAt: try row.value("isolated_at", as: Int64?.self).map(Date.init(seconds:)), outcome: try row.value("outcome"),
                        updatedBy: try row.value("updated_by"), updatedAt: Date(seconds: try row.value("updated_at")))
                }
                return DashboardFigures.CaseRow(
                    person: person, areaPath: try row.value("area_path"), firstPositive: try row.value("first_positive", as: Int64?.self).map(Date.init(seconds:)),
                    anyPCR: (try row.value("any_pcr", as: Int64?.self) ?? 0) != 0, record: record)
            }

            // Colours from the stored statuses that have not ended (their own index, with where the person
            // lives): green is everyone else.
            let colours = try await r.query(
                """
                SELECT s.area_path, s.colour, s.cause, CAST(count(*) AS BIGINT) AS people,
                    CAST(SUM(CASE WHEN s.until_at IS NOT NULL AND s.until_at < \(window.dayEnd.seconds) THEN 1 ELSE 0 END) AS BIGINT) AS ending
                FROM statuses s
                WHERE s.area_path >= \(lower) AND s.area_path < \(upper) AND s.colour <> 'green' AND (s.until_at IS NULL OR s.until_at > \(now))
                GROUP BY s.area_path, s.colour, s.cause
                """
            ) { row in
                let colour: String = try row.value("colour")
                guard let parsed = HealthColour(rawValue: colour) else { throw StoreError.unavailable("status with unknown colour \"\(colour)\"") }
                return DashboardFigures.ColourRow(
                    areaPath: try row.value("area_path"), colour: parsed, cause: try row.value("cause"), people: Int(try row.value("people", as: Int64.self)),
                    endingToday: Int(try row.value("ending", as: Int64.self)))
            }

            let tasks = try await r.query(
                """
                SELECT grid_path, CAST(count(*) AS BIGINT) AS open,
                    CAST(SUM(CASE WHEN due_at < \(now) THEN 1 ELSE 0 END) AS BIGINT) AS overdue,
                    CAST(SUM(CASE WHEN escalation > 0 THEN 1 ELSE 0 END) AS BIGINT) AS escalated
                FROM grid_tasks WHERE state IN ('open', 'in-progress') AND grid_path >= \(lower) AND grid_path < \(upper)
                GROUP BY grid_path
                """
            ) { row in
                DashboardFigures.TaskRow(
                    gridPath: try row.value("grid_path"), open: Int(try row.value("open", as: Int64.self)), overdue: Int(try row.value("overdue", as: Int64.self)),
                    escalated: Int(try row.value("escalated", as: Int64.self)))
            }

            let grids = try await r.query("SELECT path FROM areas WHERE level = 'grid' AND path >= \(lower) AND path < \(upper)") { try $0.value(at: 0, as: String.self) }
            let reports = try await r.query(
                "SELECT doc FROM daily_reports WHERE day = \(day) AND grid_path >= \(lower) AND grid_path < \(upper)", DailyReport.init(row:))

            let firstHour = Int64(window.scansSince.timeIntervalSince1970 / 3_600)
            let scans = try await r.query(
                """
                SELECT h.hour, CAST(SUM(h.scans) AS BIGINT) AS scans, CAST(SUM(h.refused) AS BIGINT) AS refused
                FROM checkpoint_hours h JOIN places p ON p.id = h.place
                WHERE h.hour >= \(firstHour) AND p.area_path >= \(lower) AND p.area_path < \(upper)
                GROUP BY h.hour
                """
            ) { row in
                DashboardFigures.ScanHour(
                    hour: Date(timeIntervalSince1970: Double(try row.value("hour", as: Int64.self)) * 3_600), scans: Int(try row.value("scans", as: Int64.self)),
                    refused: Int(try row.value("refused", as: Int64.self)))
            }

            var notifications: [String: Int]?
            if withNotifications {
                let rows = try await r.query(
                    "SELECT status, CAST(count(*) AS BIGINT) FROM outbox WHERE created_at >= \(window.dayStart.milliseconds) GROUP BY status"
                ) { (try $0.value(at: 0, as: String.self), Int(try $0.value(at: 1, as: Int64.self))) }
                notifications = Dictionary(rows, uniquingKeysWith: +)
            }
            return DashboardFigures(
                population: Dictionary(population.filter { $0.1 > 0 }, uniquingKeysWith: +), cases: cases, colours: colours, tasks: tasks, gridPaths: grids, reports: reports,
                scans: scans, notifications: notifications)
        }
    }

    public func addCheckpointScans(_ tallies: [CheckpointTally]) async throws {
        guard !tallies.isEmpty else { return }
        let rows: [[SQLValue]] = tallies.map {
            [.text($0.place), .integer(Int64($0.hour.timeIntervalSince1970 / 3_600)), .integer(Int64($0.scans)), .integer(Int64($0.refused))]
        }
        try await db.write { tx in
            try await tx.insert(
                RowInsert(
                    into: "checkpoint_hours", columns: ["place", "hour", "scans", "refused"], rows: rows,
                    conflict: "ON CONFLICT (place, hour) DO UPDATE SET scans = checkpoint_hours.scans + excluded.scans, refused = checkpoint_hours.refused + excluded.refused"
                ))
        }
    }

    public func saveColourDays(_ days: [ColourDaySnapshot]) async throws {
        guard !days.isEmpty else { return }
        let rows: [[SQLValue]] = days.map {
            [.text($0.areaID), .text($0.day.description), .integer(Int64($0.red)), .integer(Int64($0.yellow)), .integer(Int64($0.green))]
        }
        try await db.write { tx in
            try await tx.insert(
                RowInsert(
                    into: "colour_days", columns: ["area_id", "day", "red", "yellow", "green"], rows: rows,
                    conflict: "ON CONFLICT (area_id, day) DO UPDATE SET red = excluded.red, yellow = excluded.yellow, green = excluded.green"))
        }
    }

    public func colourDays(area: String, since: CalendarDate) async throws -> [ColourDaySnapshot] {
        try await db.query("SELECT * FROM colour_days WHERE area_id = \(area) AND day >= \(since.description) ORDER BY day") { row in
            let text: String = try row.value("day")
            guard let day = CalendarDate(iso: text) else { throw StoreError.unavailable("colour day with a bad date \"\(text)\"") }
            return ColourDaySnapshot(
                areaID: try row.value("area_id"), day: day, red: Int(try row.value("red", as: Int64.self)), yellow: Int(try row.value("yellow", as: Int64.self)),
                green: Int(try row.value("green", as: Int64.self)))
        }
    }
}
