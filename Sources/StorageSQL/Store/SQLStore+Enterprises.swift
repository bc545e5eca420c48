import Domain
import Foundation

extension Enterprise: GridDocument {}
extension Employment: GridDocument {}

extension SQLStore {
    public func registerEnterprise(_ enterprise: Enterprise, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(enterprise)
        try await db.write { tx in
            let taken = try await tx.first("SELECT 1 FROM enterprises WHERE credit_code = \(enterprise.creditCode) OR id = \(enterprise.id)") { _ in true }
            if taken != nil { throw StoreError.duplicate(kind: "enterprise", key: enterprise.creditCode) }
            try await tx.execute(
                """
                INSERT INTO enterprises (id, credit_code, name, area_path, state, doc)
                VALUES (\(enterprise.id), \(enterprise.creditCode), \(enterprise.name), \(enterprise.areaPath), \(enterprise.state.rawValue), \(doc))
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func enterprise(id: String) async throws -> Enterprise? {
        try await db.first("SELECT doc FROM enterprises WHERE id = \(id)", Enterprise.init(row:))
    }

    public func enterprises(within area: AreaPath, state: Enterprise.State?, page: PageRequest) async throws -> ListPage<Enterprise> {
        let only: SQL = state.map { " AND state = \($0.rawValue)" } ?? ""
        let scope: SQL = "FROM enterprises WHERE area_path >= \(area.lowerBound) AND area_path < \(area.upperBound)\(only)"
        return try await db.read { r in
            let items = try await r.query(
                "SELECT doc \(scope) ORDER BY CASE state WHEN 'pending' THEN 0 ELSE 1 END, name, id LIMIT \(page.limit) OFFSET \(page.offset)",
                Enterprise.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func decideEnterprise(_ decided: Enterprise, account: StaffAccount?, audit: AuditEvent) async throws -> Bool {
        let doc = try GridJSON.text(decided)
        return try await db.write { tx in
            let n = try await tx.execute(
                "UPDATE enterprises SET state = \(decided.state.rawValue), doc = \(doc) WHERE id = \(decided.id) AND state = \(Enterprise.State.pending.rawValue)")
            guard n == 1 else { return false }
            if let account { try await Self.insertAccount(account, in: tx) }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func proposeEmployments(_ links: [Employment], audit: AuditEvent) async throws -> Int {
        guard !links.isEmpty else { return 0 }
        return try await db.write { tx in
            var proposed = 0
            for link in links {
                let doc = try GridJSON.text(link)
                // A link that ended (declined, left) may be proposed again; a live one stays as it is.
                let current = try await tx.first("SELECT state FROM employments WHERE enterprise_id = \(link.enterpriseID) AND person = \(link.person)") {
                    try $0.value(at: 0, as: String.self)
                }
                switch current {
                case nil:
                    try await tx.execute(
                        """
                        INSERT INTO employments (enterprise_id, person, state, proposed_at, doc)
                        VALUES (\(link.enterpriseID), \(link.person), \(link.state.rawValue), \(link.proposedAt.seconds), \(doc))
                        """)
                case Employment.State.ended.rawValue?:
                    try await tx.execute(
                        """
                        UPDATE employments SET state = \(link.state.rawValue), proposed_at = \(link.proposedAt.seconds), doc = \(doc)
                        WHERE enterprise_id = \(link.enterpriseID) AND person = \(link.person)
                        """)
                default:
                    continue
                }
                proposed += 1
            }
            try await self.append(audit, in: tx)
            return proposed
        }
    }

    public func decideEmployment(enterpriseID: String, person: String, confirm: Bool, by: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            guard var link = try await tx.first("SELECT doc FROM employments WHERE enterprise_id = \(enterpriseID) AND person = \(person)", Employment.init(row:)),
                link.state == .awaitingConsent
            else { return false }
            link.state = confirm ? .confirmed : .ended
            link.decidedBy = by
            link.decidedAt = at
            try await tx.execute(
                """
                UPDATE employments SET state = \(link.state.rawValue), doc = \(try GridJSON.text(link))
                WHERE enterprise_id = \(enterpriseID) AND person = \(person) AND state = \(Employment.State.awaitingConsent.rawValue)
                """)
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func employees(enterpriseID: String, at now: Date, page: PageRequest) async throws -> ListPage<EmployeeRow> {
        let scope: SQL = "FROM employments e JOIN residents r ON r.id = e.person WHERE e.enterprise_id = \(enterpriseID) AND e.state <> 'ended'"
        return try await db.read { r in
            // The colour is read only for those who consented, and only while it lasts.
            let items = try await r.query(
                """
                SELECT e.doc, r.name,
                    CASE WHEN e.state = 'confirmed' THEN
                        COALESCE((SELECT s.colour FROM statuses s WHERE s.person = e.person AND (s.until_at IS NULL OR s.until_at > \(now.seconds))), 'green')
                    END AS colour
                \(scope) ORDER BY CASE e.state WHEN 'awaiting-consent' THEN 0 ELSE 1 END, r.name, e.person LIMIT \(page.limit) OFFSET \(page.offset)
                """
            ) { row in
                let colour = try row.value("colour", as: String?.self)
                return EmployeeRow(employment: try Employment(row: row), name: try row.value("name"), colour: colour.flatMap(HealthColour.init(rawValue:)))
            }
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func employments(enterpriseID: String, people: [String]) async throws -> [Employment] {
        guard !people.isEmpty else { return [] }
        return try await db.query(
            "SELECT doc FROM employments WHERE enterprise_id = \(enterpriseID) AND person IN (\(list: people))", Employment.init(row:))
    }

    public func employments(person: String) async throws -> [Employment] {
        try await db.query("SELECT doc FROM employments WHERE person = \(person) ORDER BY proposed_at DESC", Employment.init(row:))
    }
}

extension WorkApplication: GridDocument {}

extension SQLStore {
    public func employeeCounts(enterpriseID: String, at now: Date) async throws -> (consented: Int, green: Int) {
        try await db.read { r in
            let consented = try await r.count("SELECT count(*) FROM employments WHERE enterprise_id = \(enterpriseID) AND state = 'confirmed'")
            // Green: no status, a green one, or one whose colour has ended.
            let notGreen = try await r.count(
                """
                SELECT count(*) FROM employments e JOIN statuses s ON s.person = e.person
                WHERE e.enterprise_id = \(enterpriseID) AND e.state = 'confirmed' AND s.colour <> 'green' AND (s.until_at IS NULL OR s.until_at > \(now.seconds))
                """)
            return (consented, consented - notGreen)
        }
    }

    public func submitApplication(_ application: WorkApplication, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(application)
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO work_applications (id, enterprise_id, area_path, state, submitted_at, doc)
                VALUES (\(application.id), \(application.enterpriseID), \(application.areaPath), \(application.state.rawValue), \(application.submittedAt.seconds), \(doc))
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func application(id: String) async throws -> WorkApplication? {
        try await db.first("SELECT doc FROM work_applications WHERE id = \(id)", WorkApplication.init(row:))
    }

    public func applications(within area: AreaPath, state: WorkApplication.State?, page: PageRequest) async throws -> ListPage<WorkApplication> {
        let only: SQL = state.map { " AND state = \($0.rawValue)" } ?? ""
        let scope: SQL = "FROM work_applications WHERE area_path >= \(area.lowerBound) AND area_path < \(area.upperBound)\(only)"
        return try await db.read { r in
            let items = try await r.query(
                "SELECT doc \(scope) ORDER BY CASE state WHEN 'submitted' THEN 0 ELSE 1 END, submitted_at DESC, id LIMIT \(page.limit) OFFSET \(page.offset)",
                WorkApplication.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func applications(enterpriseID: String) async throws -> [WorkApplication] {
        try await db.query("SELECT doc FROM work_applications WHERE enterprise_id = \(enterpriseID) ORDER BY submitted_at DESC, id", WorkApplication.init(row:))
    }

    public func updateApplication(_ application: WorkApplication, from: [WorkApplication.State], audit: AuditEvent) async throws -> Bool {
        let doc = try GridJSON.text(application)
        return try await db.write { tx in
            let n = try await tx.execute(
                """
                UPDATE work_applications SET state = \(application.state.rawValue), doc = \(doc)
                WHERE id = \(application.id) AND state IN (\(list: from.map(\.rawValue)))
                """)
            guard n == 1 else { return false }
            try await self.append(audit, in: tx)
            return true
        }
    }
}

extension StaffReport: GridDocument {}

extension SQLStore {
    public func saveStaffReport(_ report: StaffReport, areaPath: String, tasks: [GridTask], audit: AuditEvent) async throws {
        let doc = try GridJSON.text(report)
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO staff_reports (enterprise_id, day, area_path, submitted_at, doc)
                VALUES (\(report.enterpriseID), \(report.day.description), \(areaPath), \(report.submittedAt.seconds), \(doc))
                ON CONFLICT (enterprise_id, day) DO UPDATE SET submitted_at = excluded.submitted_at, doc = excluded.doc
                """)
            _ = try await Self.insertTasks(tasks, in: tx)
            try await self.append(audit, in: tx)
        }
    }

    public func staffReport(enterpriseID: String, day: CalendarDate) async throws -> StaffReport? {
        try await db.first("SELECT doc FROM staff_reports WHERE enterprise_id = \(enterpriseID) AND day = \(day.description)", StaffReport.init(row:))
    }

    public func staffReportCompleteness(areas: [AreaPath], day: CalendarDate) async throws -> [StaffReportCompleteness] {
        guard !areas.isEmpty else { return [] }
        // One statement, a branch per area (as the dashboard counts residents).
        var sql: SQL = ""
        for (i, area) in areas.enumerated() {
            if i > 0 { sql.append(" UNION ALL ") }
            sql.append(
                """
                SELECT CAST(\(Int64(i)) AS BIGINT) AS branch, count(*) AS enterprises, count(r.enterprise_id) AS reported
                FROM enterprises e LEFT JOIN staff_reports r ON r.enterprise_id = e.id AND r.day = \(day.description)
                WHERE e.state = 'approved' AND e.area_path >= \(area.lowerBound) AND e.area_path < \(area.upperBound)
                """)
        }
        let rows = try await db.query(sql) { row in
            (Int(try row.value(at: 0, as: Int64.self)), StaffReportCompleteness(enterprises: Int(try row.value(at: 1, as: Int64.self)), reported: Int(try row.value(at: 2, as: Int64.self))))
        }
        var out = Array(repeating: StaffReportCompleteness(enterprises: 0, reported: 0), count: areas.count)
        for (i, c) in rows where out.indices.contains(i) { out[i] = c }
        return out
    }
}

extension CharteredTrip: GridDocument {}

extension SQLStore {
    public func registerCharteredTrip(_ trip: CharteredTrip, vehicle: Place, audit: AuditEvent) async throws -> [StoredPresence] {
        let doc = try GridJSON.text(trip)
        return try await db.write { tx in
            try await tx.execute(
                "INSERT INTO chartered_trips (id, enterprise_id, departure_at, doc) VALUES (\(trip.id), \(trip.enterpriseID), \(trip.departure.seconds), \(doc))")
            _ = try await Self.insertPlaces([vehicle], in: tx)
            _ = try await Self.insertArrivals(trip.arrivals, in: tx)
            let stored = try await Self.insertNewPresence(trip.presence, in: tx)
            try await self.append(audit, in: tx)
            return stored
        }
    }

    public func charteredTrips(enterpriseID: String) async throws -> [CharteredTrip] {
        try await db.query("SELECT doc FROM chartered_trips WHERE enterprise_id = \(enterpriseID) ORDER BY departure_at DESC, id", CharteredTrip.init(row:))
    }
}

extension ForceMajeureRequest: GridDocument {}

extension SQLStore {
    public func requestForceMajeure(_ request: ForceMajeureRequest, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(request)
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO force_majeure (id, enterprise_id, area_path, state, requested_at, doc)
                VALUES (\(request.id), \(request.enterpriseID), \(request.areaPath), \(request.state.rawValue), \(request.requestedAt.seconds), \(doc))
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func forceMajeureRequest(id: String) async throws -> ForceMajeureRequest? {
        try await db.first("SELECT doc FROM force_majeure WHERE id = \(id)", ForceMajeureRequest.init(row:))
    }

    public func forceMajeureRequests(within area: AreaPath, enterpriseID: String?, page: PageRequest) async throws -> ListPage<ForceMajeureRequest> {
        let own: SQL = enterpriseID.map { " AND enterprise_id = \($0)" } ?? ""
        let scope: SQL = "FROM force_majeure WHERE area_path >= \(area.lowerBound) AND area_path < \(area.upperBound)\(own)"
        return try await db.read { r in
            let items = try await r.query(
                "SELECT doc \(scope) ORDER BY CASE state WHEN 'requested' THEN 0 ELSE 1 END, requested_at DESC, id LIMIT \(page.limit) OFFSET \(page.offset)",
                ForceMajeureRequest.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func updateForceMajeure(_ request: ForceMajeureRequest, from: [ForceMajeureRequest.State], audit: AuditEvent) async throws -> Bool {
        let doc = try GridJSON.text(request)
        return try await db.write { tx in
            let n = try await tx.execute(
                "UPDATE force_majeure SET state = \(request.state.rawValue), doc = \(doc) WHERE id = \(request.id) AND state IN (\(list: from.map(\.rawValue)))")
            guard n == 1 else { return false }
            try await self.append(audit, in: tx)
            return true
        }
    }
}
