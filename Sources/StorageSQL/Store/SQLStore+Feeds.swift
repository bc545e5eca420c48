import Domain
import Foundation

extension SQLStore {
    public func insertNewPresence(_ events: [PresenceEvent], audits: [AuditEvent]) async throws -> [StoredPresence] {
        try await db.write { tx in
            let stored = try await Self.insertNewPresence(events, in: tx)
            for audit in audits { try await self.append(audit, in: tx) }
            return stored
        }
    }

    public func insertPresence(_ events: [PresenceEvent], audit: AuditEvent?) async throws -> Int {
        try await db.write { tx in
            try await tx.lock(.presence)
            try await tx.prepareDays(Self.endDays(events), of: "presence")
            let inserted = try await tx.load(Self.presenceRows(events))
            if let audit { try await self.append(audit, in: tx) }
            return inserted
        }
    }

    static func presenceRows(_ events: [PresenceEvent]) -> RowInsert {
        var rows = RowInsert(
            into: "presence", columns: ["id", "person", "place", "start_at", "end_at", "seat", "source"],
            rows: events.map {
                [.text($0.id), .text($0.person), .text($0.place), .integer($0.start.seconds), .integer($0.end.seconds), $0.seat.sqlValue, $0.source.sqlValue]
            },
            // No target: on PostgreSQL the unique key is (id, end_at), the partition key included.
            conflict: "ON CONFLICT DO NOTHING")
        // The NOT NULL columns (id to end_at) come from non-optional values; presence has no CHECK
        // or foreign key: a row can only conflict as a duplicate.
        rows.onlyDuplicatesCanConflict = true
        return rows
    }

    /// The days (since 1970, UTC) on which the events' stays ended: presence's partitions.
    static func endDays(_ events: [PresenceEvent]) -> Set<Int64> {
        Set(events.map { $0.end.seconds >= 0 ? $0.end.seconds / 86400 : ($0.end.seconds - 86399) / 86400 })
    }

    /// Presence inserted in a transaction, returned with the sequence numbers it got (new ids only).
    static func insertNewPresence(_ events: [PresenceEvent], in tx: any SQLExecutor) async throws -> [StoredPresence] {
        // Serialises presence writers until commit, so sequence numbers appear in order.
        try await tx.lock(.presence)
        try await tx.prepareDays(endDays(events), of: "presence")
        var rows = presenceRows(events)
        rows.returning = "seq, id, end_at"
        let inserted = try await tx.insert(
            rows,
            returning: { row in
                (sequence: try row.value(at: 0, as: Int64.self), key: PresenceKey(id: try row.value(at: 1, as: String.self), end: try row.value(at: 2, as: Int64.self)))
            })
        // The first event of a key is the one stored (ON CONFLICT DO NOTHING), so the one returned.
        // The key is the id and the end: on PostgreSQL two events of one id with different ends are two rows.
        var byKey: [PresenceKey: PresenceEvent] = [:]
        for event in events {
            let key = PresenceKey(id: event.id, end: event.end.seconds)
            if byKey[key] == nil { byKey[key] = event }
        }
        return inserted.compactMap { row in byKey[row.key].map { StoredPresence(sequence: row.sequence, event: $0) } }
            .sorted { $0.sequence < $1.sequence }
    }

    public func insertLabResults(_ results: [LabResult], audit: AuditEvent?) async throws -> Int {
        try await db.write { tx in
            let inserted = try await tx.insert(
                RowInsert(
                    into: "lab_results", columns: ["id", "person", "sampled_at", "result", "test", "lab"],
                    rows: results.map {
                        [.text($0.id), .text($0.person), .integer($0.sampledAt.seconds), .text($0.result.rawValue), .text($0.test.rawValue), $0.lab.sqlValue]
                    },
                    conflict: "ON CONFLICT (id) DO NOTHING"))
            if let audit { try await self.append(audit, in: tx) }
            return inserted
        }
    }

    public func insertArrivals(_ arrivals: [Arrival], audit: AuditEvent?) async throws -> Int {
        try await db.write { tx in
            let inserted = try await Self.insertArrivals(arrivals, in: tx)
            if let audit { try await self.append(audit, in: tx) }
            return inserted
        }
    }

    static func insertArrivals(_ arrivals: [Arrival], in tx: any SQLExecutor) async throws -> Int {
        try await tx.insert(
            RowInsert(
                into: "arrivals", columns: ["id", "person", "from_region", "arrived_at", "mode", "trip"],
                rows: arrivals.map {
                    [.text($0.id), .text($0.person), .text($0.from), .integer($0.arrivedAt.seconds), $0.mode.sqlValue, $0.trip.sqlValue]
                },
                conflict: "ON CONFLICT (id) DO NOTHING"))
    }

    public func presence(after sequence: Int64, limit: Int) async throws -> [StoredPresence] {
        try await db.query(
            "SELECT seq, id, person, place, start_at, end_at, seat, source FROM presence WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)"
        ) { row in
            StoredPresence(
                sequence: try row.value(at: 0, as: Int64.self),
                event: PresenceEvent(
                    id: try row.value(at: 1, as: String.self), person: try row.value(at: 2, as: String.self), place: try row.value(at: 3, as: String.self),
                    start: Date(seconds: try row.value(at: 4, as: Int64.self)), end: Date(seconds: try row.value(at: 5, as: Int64.self)),
                    seat: try row.value(at: 6, as: String?.self), source: try row.value(at: 7, as: String?.self)))
        }
    }

    public func purgePresence(endedBefore cutoff: Date, audit: AuditEvent) async throws -> Int {
        try await db.write { tx in
            try await tx.lock(.presence)
            // PostgreSQL drops whole days; then the rest: the day's index finds the candidates (on
            // PostgreSQL the cut-off's own day and the default partition), the instant decides.
            let dropped = try await tx.dropDays(endedBefore: cutoff.seconds, of: "presence")
            let deleted = try await dropped + tx.execute(
                "DELETE FROM presence WHERE end_at / 86400 <= \(cutoff.seconds / 86400) AND end_at < \(cutoff.seconds)")
            var event = audit
            event.detail = "\(deleted) presence events that ended before \(Timestamp.format(cutoff))"
            try await self.append(event, in: tx)
            return deleted
        }
    }

    public func presenceCount() async throws -> Int {
        try await db.count("SELECT count(*) FROM presence")
    }

    public func labResults(person: String) async throws -> [LabResult] {
        try await db.query("SELECT * FROM lab_results WHERE person = \(person) ORDER BY sampled_at, id", LabResult.init(row:))
    }

    public func positiveLabResults(within area: AreaPath, limit: Int) async throws -> [LabResult] {
        // Everywhere: the partial index on positives alone (people with no area included). An area:
        // the same scan, each result's resident found by primary key and kept when inside.
        if area == .everywhere {
            return try await db.query("SELECT * FROM lab_results WHERE result = 'positive' ORDER BY sampled_at, id LIMIT \(limit)", LabResult.init(row:))
        }
        return try await db.query(
            """
            SELECT l.* FROM lab_results l JOIN residents r ON r.id = l.person
            WHERE l.result = 'positive' AND r.area_path >= \(area.lowerBound) AND r.area_path < \(area.upperBound) ORDER BY l.sampled_at, l.id LIMIT \(limit)
            """, LabResult.init(row:))
    }

    public func arrivals(person: String) async throws -> [Arrival] {
        try await db.query("SELECT * FROM arrivals WHERE person = \(person) ORDER BY arrived_at, id", Arrival.init(row:))
    }

    public func residentHouseholds(after id: String?, limit: Int) async throws -> [(resident: String, household: String?)] {
        try await db.query("SELECT id, household_id FROM residents WHERE id > \(id ?? "") ORDER BY id LIMIT \(limit)") { row in
            (resident: try row.value(at: 0, as: String.self), household: try row.value(at: 1, as: String?.self))
        }
    }
}

extension LabResult {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), person: try row.value("person"), sampledAt: Date(seconds: try row.value("sampled_at")),
            result: LabOutcome(rawValue: try row.value("result")) ?? .negative, test: LabTest(rawValue: try row.value("test")) ?? .pcr,
            lab: try row.value("lab"))
    }
}

extension Arrival {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.value("id"), person: try row.value("person"), from: try row.value("from_region"),
            arrivedAt: Date(seconds: try row.value("arrived_at")), mode: try row.value("mode"), trip: try row.value("trip"))
    }
}

// Feed health: what each source stored, by the hour.
extension SQLStore {
    public func recordFeedDelivery(kind: String, source: String, records: Int, at: Date) async throws {
        let hour = Int64(at.timeIntervalSince1970 / 3_600)
        try await db.write { tx in
            try await tx.execute(
            """
            INSERT INTO feed_activity (kind, source, hour, records, last_at) VALUES (\(kind), \(source), \(hour), \(records), \(at.milliseconds))
            ON CONFLICT (kind, source, hour) DO UPDATE SET records = feed_activity.records + excluded.records,
                last_at = CASE WHEN excluded.last_at > feed_activity.last_at THEN excluded.last_at ELSE feed_activity.last_at END
            """)
        }
    }

    public func feedActivity(now: Date, days: Int) async throws -> [FeedActivity] {
        let hour = Int64(now.timeIntervalSince1970 / 3_600)
        // "This hour": the clock hour under way; "24 hours": it and the 23 before.
        return try await db.query(
            """
            SELECT kind, source, MAX(last_at) AS last_at,
                CAST(SUM(CASE WHEN hour >= \(hour) THEN records ELSE 0 END) AS BIGINT) AS last_hour,
                CAST(SUM(CASE WHEN hour >= \(hour - 23) THEN records ELSE 0 END) AS BIGINT) AS last_day
            FROM feed_activity WHERE hour >= \(hour - Int64(days) * 24)
            GROUP BY kind, source ORDER BY kind, source
            """
        ) { row in
            FeedActivity(
                kind: try row.value("kind"), source: try row.value("source"), lastAt: Date(milliseconds: try row.value("last_at")),
                lastHour: Int(try row.value("last_hour", as: Int64.self)), lastDay: Int(try row.value("last_day", as: Int64.self)))
        }
    }
}

// The daily arrivals list: driven by the arrivals of the day (their time index), each resident
// by key, filtered to the area; colour, verification and declaration looked up per row.
extension SQLStore {
    static func arrivalScope(_ path: AreaPath, _ f: ArrivalFilter) -> SQL {
        var scope: SQL = """
            FROM arrivals a JOIN residents r ON r.id = a.person
            WHERE a.arrived_at >= \(f.from.seconds) AND a.arrived_at < \(f.to.seconds) AND (a.mode IS NULL OR a.mode <> 'declared')
            AND r.area_path >= \(path.lowerBound) AND r.area_path < \(path.upperBound)
            """
        if let region = f.region { scope = "\(scope) AND a.from_region = \(region)" }
        return scope
    }

    public func arrivals(within path: AreaPath, filter: ArrivalFilter, page: PageRequest) async throws -> ListPage<ListedArrival> {
        let scope = Self.arrivalScope(path, filter)
        return try await db.read { r in
            let items = try await r.query(
                """
                SELECT a.*, r.name, r.area_id AS home_area, r.area_path,
                    (SELECT s.colour FROM statuses s WHERE s.person = a.person) AS colour,
                    (SELECT t.state FROM grid_tasks t WHERE t.fact_key = 'verify-arrival:' || a.id) AS verification,
                    (SELECT CAST(MAX(CASE WHEN g.conflict IS NULL THEN 0 ELSE 1 END) AS BIGINT) FROM registrations g
                     WHERE g.person = a.person AND g.kind <> 'claim') AS contradicted
                \(scope) ORDER BY a.arrived_at DESC, a.id LIMIT \(page.limit) OFFSET \(page.offset)
                """
            ) { row in
                ListedArrival(
                    arrival: try Arrival(row: row), name: try row.value("name"), areaID: try row.value("home_area"), areaPath: try row.value("area_path"),
                    colour: try row.value("colour"), verification: try row.value("verification", as: String?.self).flatMap(TaskState.init(rawValue:)),
                    declarationContradicted: try row.value("contradicted", as: Int64?.self).map { $0 != 0 })
            }
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func arrivalCounts(within path: AreaPath, filter: ArrivalFilter) async throws -> [RegionCount] {
        try await db.query("SELECT a.from_region, CAST(count(*) AS BIGINT) AS n \(Self.arrivalScope(path, filter)) GROUP BY a.from_region ORDER BY n DESC, a.from_region") {
            RegionCount(region: try $0.value(at: 0, as: String.self), count: Int(try $0.value(at: 1, as: Int64.self)))
        }
    }
}

/// What identifies a stored presence row: its id, and on PostgreSQL (partitioned by end) its end.
struct PresenceKey: Hashable {
    let id: String
    let end: Int64
}
