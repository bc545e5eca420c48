import Domain
import Foundation

extension SQLStore {
    public func register(_ r: Registration, resident: SealedResident?, tasks: [GridTask], audit: AuditEvent) async throws {
        try await db.write { tx in
            if let resident {
                guard try await Self.insertResidents([resident], in: tx) == 1 else { throw StoreError.duplicate(kind: "resident", key: resident.id) }
            }
            try await tx.execute(
                """
                INSERT INTO registrations (id, person, kind, created_at, from_region, arrived_on, symptoms, conflict, confirmed_at, confirmed_by)
                VALUES (\(r.id), \(r.person), \(r.kind.rawValue), \(r.createdAt.milliseconds), \(r.fromRegion), \(r.arrivedOn?.description),
                        \(r.symptoms.joined(separator: ",")), \(r.conflict), \(r.confirmedAt?.milliseconds), \(r.confirmedBy))
                """)
            _ = try await Self.insertTasks(tasks, in: tx)
            try await self.append(audit, in: tx)
        }
    }

    public func registrations(person: String) async throws -> [Registration] {
        try await db.query("SELECT * FROM registrations WHERE person = \(person) ORDER BY created_at DESC, id", Registration.init(row:))
    }

    public func confirmRegistrations(person: String, by: String, at: Date, audit: AuditEvent) async throws -> Int {
        try await db.write { tx in
            let n = try await tx.execute(
                "UPDATE registrations SET confirmed_at = \(at.milliseconds), confirmed_by = \(by) WHERE person = \(person) AND confirmed_at IS NULL")
            if n > 0 { try await self.append(audit, in: tx) }
            return n
        }
    }
}

extension Registration {
    init(row: any SQLRow) throws {
        let kind: String = try row.value("kind")
        guard let k = Kind(rawValue: kind) else { throw StoreError.unavailable("registrations holds an unknown kind: \(kind)") }
        let symptoms: String = try row.value("symptoms")
        self.init(
            id: try row.value("id"), person: try row.value("person"), kind: k, createdAt: Date(milliseconds: try row.value("created_at")),
            fromRegion: try row.value("from_region"), arrivedOn: try row.value("arrived_on", as: String?.self).flatMap { CalendarDate(iso: $0) },
            symptoms: symptoms.split(separator: ",").map(String.init), conflict: try row.value("conflict"),
            confirmedAt: try row.value("confirmed_at", as: Int64?.self).map(Date.init(milliseconds:)), confirmedBy: try row.value("confirmed_by"))
    }
}
