import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func insertNewPresence(_ events: [PresenceEvent], audits: [AuditEvent]) async throws -> [StoredPresence] {
        try await transaction { connection in
            // Serialises presence writers until commit, so sequence numbers appear in order.
            try await connection.query("SELECT pg_advisory_xact_lock(727003)", logger: self.logger)
            let inserted = try await self.insertMany(
                into: "presence", columns: ["id", "person", "place", "start_at", "end_at", "seat", "source"],
                rows: events.map {
                    [.text($0.id), .text($0.person), .text($0.place), .int($0.start.seconds), .int($0.end.seconds), .text($0.seat), .text($0.source)]
                },
                onConflict: "ON CONFLICT (id) DO NOTHING", returning: "seq, id", on: connection)
            for audit in audits { try await self.append(audit, on: connection) }
            // The first event of an id is the one stored (ON CONFLICT DO NOTHING), as on SQLite.
            var byID: [String: PresenceEvent] = [:]
            for event in events where byID[event.id] == nil { byID[event.id] = event }
            return try inserted.compactMap { row -> StoredPresence? in
                guard let event = byID[try row["id"].decode(String.self)] else { return nil }
                return StoredPresence(sequence: try row["seq"].decode(Int64.self), event: event)
            }.sorted { $0.sequence < $1.sequence }
        }
    }

    public func insertLabResults(_ results: [LabResult], audit: AuditEvent?) async throws -> Int {
        try await transaction { connection in
            let inserted = try await self.insertMany(
                into: "lab_results", columns: ["id", "person", "sampled_at", "result", "test", "lab"],
                rows: results.map {
                    [.text($0.id), .text($0.person), .int($0.sampledAt.seconds), .text($0.result.rawValue), .text($0.test.rawValue), .text($0.lab)]
                },
                returning: "id", on: connection)
            if let audit { try await self.append(audit, on: connection) }
            return inserted.count
        }
    }

    public func insertArrivals(_ arrivals: [Arrival], audit: AuditEvent?) async throws -> Int {
        try await transaction { connection in
            let inserted = try await self.insertMany(
                into: "arrivals", columns: ["id", "person", "from_region", "arrived_at", "mode", "trip"],
                rows: arrivals.map { [.text($0.id), .text($0.person), .text($0.from), .int($0.arrivedAt.seconds), .text($0.mode), .text($0.trip)] },
                returning: "id", on: connection)
            if let audit { try await self.append(audit, on: connection) }
            return inserted.count
        }
    }

    public func presence(after sequence: Int64, limit: Int) async throws -> [StoredPresence] {
        let query: PostgresQuery = """
            SELECT seq, id, person, place, start_at, end_at, seat, source FROM presence WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)
            """
        var page: [StoredPresence] = []
        page.reserveCapacity(limit)
        let rows = try await client.query(query, logger: logger)
            .decode((Int64, String, String, String, Int64, Int64, String?, String?).self)
        for try await (seq, id, person, place, start, end, seat, source) in rows {
            page.append(
                StoredPresence(
                    sequence: seq,
                    event: PresenceEvent(
                        id: id, person: person, place: place, start: Date(seconds: start), end: Date(seconds: end), seat: seat, source: source)))
        }
        return page
    }

    public func purgePresence(endedBefore cutoff: Date, audit: AuditEvent) async throws -> Int {
        try await transaction { connection in
            let deleted = try await self.rows("DELETE FROM presence WHERE end_at < \(cutoff.seconds) RETURNING seq", on: connection).count
            var event = audit
            event.detail = "\(deleted) presence events that ended before \(Timestamp.format(cutoff))"
            try await self.append(event, on: connection)
            return deleted
        }
    }

    public func presenceCount() async throws -> Int {
        Int(try await rows("SELECT count(*)::bigint AS n FROM presence").first?.value("n", as: Int64.self) ?? 0)
    }

    public func labResults(person: String) async throws -> [LabResult] {
        try await rows("SELECT * FROM lab_results WHERE person = \(person) ORDER BY sampled_at, id").map(Self.labResult)
    }

    public func positiveLabResults(within area: AreaPath, limit: Int) async throws -> [LabResult] {
        // Everywhere: the partial index on positives alone (people with no area included). An area:
        // the same scan, each result's resident found by primary key and kept when inside.
        if area == .everywhere {
            return try await rows("SELECT * FROM lab_results WHERE result = 'positive' ORDER BY sampled_at, id LIMIT \(limit)").map(Self.labResult)
        }
        let (lower, upper) = (area.lowerBound, area.upperBound)
        return try await rows(
            """
            SELECT l.* FROM lab_results l JOIN residents r ON r.id = l.person
            WHERE l.result = 'positive' AND r.area_path >= \(lower) AND r.area_path < \(upper) ORDER BY l.sampled_at, l.id LIMIT \(limit)
            """
        ).map(Self.labResult)
    }

    public func arrivals(person: String) async throws -> [Arrival] {
        try await rows("SELECT * FROM arrivals WHERE person = \(person) ORDER BY arrived_at, id").map { row in
            Arrival(
                id: try row.value("id"), person: try row.value("person"), from: try row.value("from_region"),
                arrivedAt: Date(seconds: try row.value("arrived_at")), mode: try row.value("mode"), trip: try row.value("trip"))
        }
    }

    public func residentHouseholds(after id: String?, limit: Int) async throws -> [(resident: String, household: String?)] {
        let start = id ?? ""
        var page: [(resident: String, household: String?)] = []
        let rows = try await client.query(
            "SELECT id, household_id FROM residents WHERE id > \(start) ORDER BY id LIMIT \(limit)", logger: logger
        ).decode((String, String?).self)
        for try await (resident, household) in rows { page.append((resident, household)) }
        return page
    }

    static func labResult(_ row: PostgresRandomAccessRow) throws -> LabResult {
        LabResult(
            id: try row.value("id"), person: try row.value("person"), sampledAt: Date(seconds: try row.value("sampled_at")),
            result: LabOutcome(rawValue: try row.value("result")) ?? .negative, test: LabTest(rawValue: try row.value("test")) ?? .pcr,
            lab: try row.value("lab"))
    }
}
