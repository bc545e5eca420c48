import Domain
import Foundation

extension Directive: GridDocument {}

extension SQLStore {
    /// The rank of each level as SQL, so recipients are chosen and ranked by the store itself.
    private static let rankCase: SQL = "CASE a.level WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'street' THEN 2 WHEN 'community' THEN 3 ELSE 4 END"

    public func sendDirective(_ directive: Directive, levels: [AreaLevel], tasks: [GridTask], audit: AuditEvent) async throws -> Int {
        let doc = try GridJSON.text(directive)
        let path = AreaPath(directive.areaPath)
        let levels = levels.map(\.rawValue)
        return try await db.write { tx in
            try await tx.execute(
                "INSERT INTO directives (id, area_path, created_at, doc) VALUES (\(directive.id), \(directive.areaPath), \(directive.createdAt.seconds), \(doc))")
            // Every area strictly below the sender's, down to the chosen level, is a recipient.
            try await tx.execute(
                """
                INSERT INTO directive_recipients (directive_id, area_id, area_path, level_rank, deadline_at, escalation)
                SELECT \(directive.id), a.id, a.path, \(Self.rankCase), \(directive.deadline.seconds), 0 FROM areas a
                WHERE a.path > \(path.lowerBound) AND a.path < \(path.upperBound) AND a.level IN (\(list: levels))
                """)
            _ = try await Self.insertTasks(tasks, in: tx)
            try await self.append(audit, in: tx)
            return try await tx.count("SELECT count(*) FROM directive_recipients WHERE directive_id = \(directive.id)")
        }
    }

    public func directive(id: String) async throws -> Directive? {
        try await db.first("SELECT doc FROM directives WHERE id = \(id)", Directive.init(row:))
    }

    public func directivesSent(within area: AreaPath, at now: Date, page: PageRequest) async throws -> ListPage<DirectiveProgress> {
        let scope: SQL = "FROM directives d WHERE d.area_path >= \(area.lowerBound) AND d.area_path < \(area.upperBound)"
        return try await db.read { r in
            let items = try await r.query(
                """
                SELECT d.doc,
                    (SELECT count(*) FROM directive_recipients x WHERE x.directive_id = d.id) AS recipients,
                    (SELECT count(*) FROM directive_recipients x WHERE x.directive_id = d.id AND x.acknowledged_at IS NOT NULL) AS acknowledged,
                    (SELECT count(*) FROM directive_recipients x WHERE x.directive_id = d.id AND x.acknowledged_at IS NULL AND x.deadline_at < \(now.seconds)) AS overdue
                \(scope) ORDER BY d.created_at DESC, d.id LIMIT \(page.limit) OFFSET \(page.offset)
                """
            ) { row in
                DirectiveProgress(
                    directive: try Directive(row: row), recipients: try row.value("recipients", as: Int.self), acknowledged: try row.value("acknowledged", as: Int.self),
                    overdue: try row.value("overdue", as: Int.self))
            }
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func directivesReceived(areaID: String, page: PageRequest) async throws -> ListPage<ReceivedDirective> {
        let scope: SQL = "FROM directive_recipients x JOIN directives d ON d.id = x.directive_id JOIN areas a ON a.id = x.area_id WHERE x.area_id = \(areaID)"
        return try await db.read { r in
            let items = try await r.query(
                "SELECT d.doc, x.*, a.name, a.level \(scope) ORDER BY (x.acknowledged_at IS NULL) DESC, d.created_at DESC LIMIT \(page.limit) OFFSET \(page.offset)"
            ) { row in ReceivedDirective(directive: try Directive(row: row), recipient: try DirectiveRecipient(row: row)) }
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func directiveRecipients(directiveID: String, pendingOnly: Bool, page: PageRequest) async throws -> ListPage<DirectiveRecipient> {
        let pending: SQL = pendingOnly ? " AND x.acknowledged_at IS NULL" : ""
        let scope: SQL = "FROM directive_recipients x JOIN areas a ON a.id = x.area_id WHERE x.directive_id = \(directiveID)\(pending)"
        return try await db.read { r in
            let items = try await r.query(
                "SELECT x.*, a.name, a.level \(scope) ORDER BY (x.acknowledged_at IS NULL) DESC, x.area_path LIMIT \(page.limit) OFFSET \(page.offset)",
                DirectiveRecipient.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func overdueAcknowledgements(below area: AreaPath, rank: Int, at now: Date, page: PageRequest) async throws -> ListPage<DirectiveRecipient> {
        // Escalated far enough to reach this area: as many steps up as the recipient lies below it.
        let scope: SQL = """
            FROM directive_recipients x JOIN areas a ON a.id = x.area_id
            WHERE x.area_path > \(area.lowerBound) AND x.area_path < \(area.upperBound) AND x.acknowledged_at IS NULL
                AND x.deadline_at < \(now.seconds) AND x.escalation >= x.level_rank - \(rank)
            """
        return try await db.read { r in
            let items = try await r.query("SELECT x.*, a.name, a.level \(scope) ORDER BY x.deadline_at, x.area_path LIMIT \(page.limit) OFFSET \(page.offset)", DirectiveRecipient.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func acknowledgeDirective(id: String, areaID: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            let changed = try await tx.execute(
                """
                UPDATE directive_recipients SET acknowledged_by = \(by), acknowledged_at = \(at.seconds)
                WHERE directive_id = \(id) AND area_id = \(areaID) AND acknowledged_at IS NULL
                """)
            guard changed > 0 else { return false }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func escalateDirectiveAcknowledgements(at now: Date, every interval: TimeInterval) async throws -> Int {
        // One step each run at most, and never above the city: the run every minute catches up.
        try await db.write { tx in
            try await tx.execute(
                """
                UPDATE directive_recipients SET escalation = escalation + 1
                WHERE acknowledged_at IS NULL AND escalation < level_rank AND deadline_at + escalation * \(Int64(interval)) <= \(now.seconds)
                """)
        }
    }
}

extension DirectiveRecipient {
    /// From a recipients row joined with its area's `name` and `level`.
    init(row: any SQLRow) throws {
        let level: String = try row.value("level")
        guard let parsed = AreaLevel(rawValue: level) else { throw StoreError.unavailable("area with unknown level \"\(level)\"") }
        self.init(
            directiveID: try row.value("directive_id"), areaID: try row.value("area_id"), areaName: try row.value("name"), areaPath: try row.value("area_path"),
            level: parsed, deadline: Date(seconds: try row.value("deadline_at")), acknowledgedBy: try row.value("acknowledged_by"),
            acknowledgedAt: try row.value("acknowledged_at", as: Int64?.self).map(Date.init(seconds:)), escalation: try row.value("escalation", as: Int.self))
    }
}
