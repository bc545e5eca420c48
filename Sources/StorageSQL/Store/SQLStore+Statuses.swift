import Domain
import Foundation

extension SQLStore {
    public func saveStatus(_ status: HealthStatus) async throws -> HealthColour? {
        try await saveStatuses([status])[status.person]
    }

    /// A person listed twice is saved in order, as if saved one after the other: the later status
    /// is compared with the earlier one (history, change reported) and is the one kept.
    public func saveStatuses(_ statuses: [HealthStatus]) async throws -> [String: HealthColour] {
        guard !statuses.isEmpty else { return [:] }
        let bodies = try statuses.map(StatusCoding.encode)
        let last = Dictionary(statuses.indices.map { (statuses[$0].person, $0) }, uniquingKeysWith: { _, later in later })
        // Sorted, so concurrent saves lock the rows they share in the same order.
        let people = last.keys.sorted()
        return try await db.write { tx in
            // The stored statuses, a chunk of people at a time (bind limits). PostgreSQL locks the rows
            // until commit so another instance's save cannot slip in between this read and the write;
            // SQLite has a single writer and no FOR UPDATE. PostgreSQL takes the row locks in byte
            // order, the order the chunks were cut in, so two instances never lock in opposite orders.
            let lock = tx.dialect == .postgres ? " COLLATE \"C\" FOR UPDATE" : ""
            var current: [String: (colour: HealthColour?, body: String)] = [:]
            current.reserveCapacity(people.count)
            for start in stride(from: 0, to: people.count, by: 1000) {
                let chunk = Array(people[start..<min(start + 1000, people.count)])
                let rows = try await tx.query("SELECT person, colour, body FROM statuses WHERE person IN (\(list: chunk)) ORDER BY person\(raw: lock)") { row in
                    (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String.self), try row.value(at: 2, as: String.self))
                }
                for (person, colour, body) in rows { current[person] = (HealthColour(rawValue: colour), body) }
            }

            var changed: [String: HealthColour] = [:]
            var history: [[SQLValue]] = []
            for (status, body) in zip(statuses, bodies) {
                let previous = current[status.person]
                if let old = previous?.colour, old != status.colour { changed[status.person] = old }
                if StatusCoding.changed(previous?.body, status) {
                    history.append([.text(status.person), .integer(status.computedAt.seconds), .text(status.colour.rawValue), .text(body)])
                }
                current[status.person] = (status.colour, body)
            }

            let saved: [[SQLValue]] = people.compactMap { last[$0] }.map { i -> [SQLValue] in
                let status = statuses[i]
                // The cause and the end are columns too: the dashboard counts them without decoding bodies.
                return [
                    .text(status.person), .text(status.colour.rawValue), .integer(status.computedAt.seconds), .text(bodies[i]),
                    status.cause.map(SQLValue.text) ?? .null, status.until.map { .integer($0.seconds) } ?? .null,
                ]
            }
            try await tx.insert(
                RowInsert(
                    into: "statuses", columns: ["person", "colour", "computed_at", "body", "cause", "until_at"], rows: saved,
                    conflict: """
                        ON CONFLICT (person) DO UPDATE SET colour = excluded.colour, computed_at = excluded.computed_at, body = excluded.body,
                            cause = excluded.cause, until_at = excluded.until_at
                        """))
            // Where each person lives, kept with the status for counts by area (set once: it never changes).
            for start in stride(from: 0, to: people.count, by: 1000) {
                let chunk = Array(people[start..<min(start + 1000, people.count)])
                try await tx.execute(
                    """
                    UPDATE statuses SET area_path = (SELECT r.area_path FROM residents r WHERE r.id = statuses.person)
                    WHERE person IN (\(list: chunk)) AND area_path IS NULL
                    """)
            }
            if !history.isEmpty {
                try await tx.insert(RowInsert(into: "status_history", columns: ["person", "computed_at", "colour", "body"], rows: history))
            }
            return changed
        }
    }

    public func status(person: String) async throws -> HealthStatus? {
        try await db.first("SELECT body FROM statuses WHERE person = \(person)", HealthStatus.init(row:))
    }

    public func statusHistory(person: String) async throws -> [HealthStatus] {
        try await db.query("SELECT body FROM status_history WHERE person = \(person) ORDER BY seq", HealthStatus.init(row:))
    }
}

extension HealthStatus {
    /// From a row with the stored `body` (of `statuses` or `status_history`).
    init(row: any SQLRow) throws {
        self = try StatusCoding.decode(try row.value("body"))
    }
}
