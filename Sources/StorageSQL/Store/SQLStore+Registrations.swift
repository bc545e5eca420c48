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
                INSERT INTO registrations (id, person, kind, created_at, from_region, arrived_on, symptoms, conflict, confirmed_at, confirmed_by, phone_index, phone_masked)
                VALUES (\(r.id), \(r.person), \(r.kind.rawValue), \(r.createdAt.milliseconds), \(r.fromRegion), \(r.arrivedOn?.description),
                        \(r.symptoms.joined(separator: ",")), \(r.conflict), \(r.confirmedAt?.milliseconds), \(r.confirmedBy), \(r.phoneIndex), \(r.phoneMasked))
                """)
            _ = try await Self.insertTasks(tasks, in: tx)
            try await self.append(audit, in: tx)
        }
    }

    public func registrations(person: String) async throws -> [Registration] {
        try await db.query("SELECT * FROM registrations WHERE person = \(person) ORDER BY created_at DESC, id", Registration.init(row:))
    }

    public func registrations(since date: Date) async throws -> [Registration] {
        try await db.query("SELECT * FROM registrations WHERE created_at >= \(date.milliseconds) ORDER BY created_at, id", Registration.init(row:))
    }

    public func recordConflict(registrationID: String, conflict: String, task: GridTask, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            guard try await tx.execute("UPDATE registrations SET conflict = \(conflict) WHERE id = \(registrationID) AND conflict IS NULL") == 1 else { return false }
            _ = try await Self.insertTasks([task], in: tx)
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func decideClaim(
        registrationID: String, decision: ClaimDecision, replacing: SealedResident?, taskKey: String, by: String, at: Date, audit: AuditEvent
    ) async throws -> Bool {
        try await db.write { tx in
            let decided = try await tx.execute(
                """
                UPDATE registrations SET confirmed_at = \(at.milliseconds), confirmed_by = \(by), decision = \(decision.rawValue)
                WHERE id = \(registrationID) AND kind = 'claim' AND confirmed_at IS NULL
                """)
            guard decided == 1 else { return false }
            if let replacing { try await Self.replaceSealedIdentity(replacing, in: tx) }
            for var task in try await tx.query("SELECT doc FROM grid_tasks WHERE fact_key = \(taskKey)", GridTask.init(row:))
            where task.state == .open || task.state == .inProgress {
                (task.state, task.stateReason, task.updatedAt, task.updatedBy) = (.done, "claim \(decision.rawValue)", at, by)
                try await tx.execute("UPDATE grid_tasks SET state = \(task.state.rawValue), doc = \(try GridJSON.text(task)) WHERE id = \(task.id)")
            }
            try await self.append(audit, in: tx)
            return true
        }
    }

    /// A resident's sealed identity (identity number, phone, address) and its look-ups, rewritten.
    static func replaceSealedIdentity(_ r: SealedResident, in tx: any SQLExecutor) async throws {
        try await tx.execute(
            """
            UPDATE residents SET identity_sealed = \(r.identitySealed), id_number_index = \(r.idNumberIndex), id_number_masked = \(r.idNumberMasked),
                phone_index = \(r.phoneIndex), phone_masked = \(r.phoneMasked)
            WHERE id = \(r.id)
            """)
    }

    public func confirmRegistrations(person: String, by: String, at: Date, audit: AuditEvent) async throws -> Int {
        try await db.write { tx in
            let n = try await tx.execute(
                "UPDATE registrations SET confirmed_at = \(at.milliseconds), confirmed_by = \(by) WHERE person = \(person) AND confirmed_at IS NULL AND kind <> 'claim'")
            if n > 0 { try await self.append(audit, in: tx) }
            return n
        }
    }
}

extension SQLStore {
    public func selfDeclaredIdentities() async throws -> [(person: String, idNumberIndex: Data)] {
        try await db.query(
            """
            SELECT DISTINCT r.id, r.id_number_index FROM residents r JOIN registrations g ON g.person = r.id
            WHERE g.kind = 'new' AND g.merged_from IS NULL AND r.id_number_index IS NOT NULL ORDER BY r.id
            """
        ) { (try $0.value(at: 0, as: String.self), try $0.value(at: 1, as: Data.self)) }
    }

    public func mergedInto(_ from: String) async throws -> String? {
        try await db.first("SELECT person FROM registrations WHERE merged_from = \(from) ORDER BY created_at DESC LIMIT 1") { try $0.value(at: 0, as: String.self) }
    }

    /// Where a person's id is kept outside `residents`: (table, column, the columns that with it
    /// make a row unique). `status_history` and `audit_log` are append-only and keep the old id.
    static let personReferences: [(table: String, column: String, key: [String])] = [
        ("presence", "person", []), ("lab_results", "person", []), ("arrivals", "person", []), ("check_ins", "person", []),
        ("override_requests", "person", []), ("appeals", "person", []), ("outbox", "person", []), ("one_time_codes", "resident_id", []),
        ("proxy_requests", "proxy", []), ("proxy_requests", "dependant", []), ("help_requests", "sender_resident", []),
        ("case_records", "person", ["person"]), ("exposures", "person", ["case_id"]), ("exposures", "case_id", ["person"]),
        ("fact_corrections", "person", ["fact_kind", "fact_id"]), ("follow_ups", "person", ["day"]), ("trace_failures", "case_id", ["case_id"]),
        ("disclosures", "case_person", ["case_person"]), ("proxy_links", "proxy_id", ["dependant_id"]), ("proxy_links", "dependant_id", ["proxy_id"]),
    ]

    public func mergeSelfDeclared(_ from: String, into: String, replacing: SealedResident?, confirmedBy: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            let rows = try await tx.query("SELECT id, id_number_index FROM residents WHERE id IN (\(list: [from, into]))") {
                (try $0.value(at: 0, as: String.self), try $0.value(at: 1, as: Data?.self))
            }
            let index = Dictionary(rows, uniquingKeysWith: { a, _ in a })
            guard from != into, let mine = index[from] ?? nil, let theirs = index[into] ?? nil, mine == theirs else { return false }

            for ref in Self.personReferences {
                let (t, c) = (ref.table, ref.column)
                if ref.key.isEmpty {
                    try await tx.execute("UPDATE \(raw: t) SET \(raw: c) = \(into) WHERE \(raw: c) = \(from)")
                    continue
                }
                // Where `into` already has the same key, `into`'s row stays and `from`'s goes.
                let same = ref.key.filter { $0 != c }.map { "o.\($0) = \(t).\($0)" }
                var sql: SQL = "UPDATE \(raw: t) SET \(raw: c) = \(into) WHERE \(raw: c) = \(from) AND NOT EXISTS (SELECT 1 FROM \(raw: t) AS o WHERE o.\(raw: c) = \(into)"
                for condition in same { sql = "\(sql) AND \(raw: condition)" }
                try await tx.execute("\(sql))")
                try await tx.execute("DELETE FROM \(raw: t) WHERE \(raw: c) = \(from)")
            }
            try await tx.execute("UPDATE sessions SET subject = \(Session.Subject.resident(residentID: into).storageKey) WHERE subject = \(Session.Subject.resident(residentID: from).storageKey)")
            try await tx.execute("UPDATE follow_ups SET doc = REPLACE(doc, \(Self.personKey(from)), \(Self.personKey(into))) WHERE person = \(into)")
            try await Self.moveTasks(from: from, into: into, by: confirmedBy, at: at, in: tx)
            try await tx.execute(
                """
                UPDATE registrations SET person = \(into), merged_from = \(from),
                    confirmed_by = CASE WHEN confirmed_at IS NULL THEN \(confirmedBy) ELSE confirmed_by END, confirmed_at = COALESCE(confirmed_at, \(at.milliseconds))
                WHERE person = \(from)
                """)
            try await tx.execute("DELETE FROM statuses WHERE person = \(from)")
            try await tx.execute("DELETE FROM residents WHERE id = \(from)")
            if let r = replacing, r.id == into { try await Self.replaceSealedIdentity(r, in: tx) }
            try await self.append(audit, in: tx)
            return true
        }
    }

    /// A grid document's person, as GridJSON writes it (sorted keys, no spaces).
    static func personKey(_ id: String) -> String { "\"person\":\"\(id)\"" }

    /// Tasks about `from` become `into`'s; those that ask to verify the registration are done,
    /// since the register has just vouched for the person.
    static func moveTasks(from: String, into: String, by: String, at: Date, in tx: any SQLExecutor) async throws {
        let pattern = SQL.likePattern(containing: personKey(from))
        let tasks = try await tx.query("SELECT doc FROM grid_tasks WHERE doc LIKE \(pattern) ESCAPE '\\'", GridTask.init(row:))
        for var task in tasks where task.person == from {
            task.person = into
            if task.kind == .verifyRegistration, task.state == .open || task.state == .inProgress {
                (task.state, task.stateReason, task.updatedAt, task.updatedBy) = (.done, "confirmed by the residents feed as \(into)", at, by)
            }
            try await tx.execute("UPDATE grid_tasks SET state = \(task.state.rawValue), doc = \(try GridJSON.text(task)) WHERE id = \(task.id)")
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
            confirmedAt: try row.value("confirmed_at", as: Int64?.self).map(Date.init(milliseconds:)), confirmedBy: try row.value("confirmed_by"),
            mergedFrom: try row.value("merged_from"), phoneIndex: try row.value("phone_index"), phoneMasked: try row.value("phone_masked"),
            decision: try row.value("decision", as: String?.self).flatMap(ClaimDecision.init(rawValue:)))
    }
}
