import Domain
import Foundation

extension SQLStore {
    public func draftDisclosure(casePerson: String, make: @Sendable (Int) -> CaseDisclosure, audit: AuditEvent) async throws -> CaseDisclosure {
        // `make` runs inside the transaction and is done with when `write` returns.
        try await withoutActuallyEscaping(make) { make in
            try await db.write { tx in
                // Numbers are handed out one writer at a time.
                try await tx.lock(.publicInformation)
                if let existing = try await tx.first("SELECT doc FROM disclosures WHERE case_person = \(casePerson)", CaseDisclosure.init(row:)) {
                    return existing
                }
                let number = try await tx.count("SELECT MAX(number) FROM disclosures") + 1
                let d = make(number)
                let doc = try GridJSON.text(d)
                try await tx.execute(
                    "INSERT INTO disclosures (id, case_person, number, state, doc) VALUES (\(d.id), \(casePerson), \(d.number), \(d.state.rawValue), \(doc))")
                try await self.append(audit, in: tx)
                return d
            }
        }
    }

    public func disclosure(id: String) async throws -> CaseDisclosure? {
        try await db.first("SELECT doc FROM disclosures WHERE id = \(id)", CaseDisclosure.init(row:))
    }

    public func disclosures(approvedOnly: Bool, limit: Int) async throws -> [CaseDisclosure] {
        let filter: SQL = approvedOnly ? "WHERE state = 'approved'" : ""
        return try await db.query("SELECT doc FROM disclosures \(filter) ORDER BY number LIMIT \(limit)", CaseDisclosure.init(row:))
    }

    public func disclosures(state: DisclosureState, within area: AreaPath, limit: Int) async throws -> (page: [CaseDisclosure], total: Int) {
        // Driven by the (few) disclosures, each case's residence found by key: `|| ''` keeps the
        // planner off the residents' area index, which for a city-wide reader means every resident.
        let scope: SQL = """
            FROM disclosures d JOIN residents r ON r.id = d.case_person
            WHERE d.state = \(state.rawValue) AND (r.area_path || '') >= \(area.lowerBound) AND (r.area_path || '') < \(area.upperBound)
            """
        return try await db.read { r in
            let page = try await r.query("SELECT d.doc \(scope) ORDER BY d.number LIMIT \(limit)", CaseDisclosure.init(row:))
            let total = try await r.count("SELECT count(*) \(scope)")
            return (page: page, total: total)
        }
    }

    public func disclosureCasePerson(id: String) async throws -> String? {
        try await db.first("SELECT case_person FROM disclosures WHERE id = \(id)") { try $0.value("case_person", as: String.self) }
    }

    public func approveDisclosure(id: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await db.write { tx in
            // SQLite has a single writer; PostgreSQL locks the row so a concurrent approval or withdrawal waits for this one.
            guard
                var d = try await tx.first(
                    "SELECT doc FROM disclosures WHERE id = \(id) AND state = 'draft'\(raw: tx.dialect == .postgres ? " FOR UPDATE" : "")",
                    CaseDisclosure.init(row:))
            else { return false }
            d.state = .approved
            d.approvedBy = by
            d.approvedAt = at
            let doc = try GridJSON.text(d)
            try await tx.execute("UPDATE disclosures SET state = 'approved', doc = \(doc) WHERE id = \(id)")
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func reviseDisclosure(id: String, change: @Sendable (inout CaseDisclosure) throws -> Void, audit: AuditEvent) async throws -> CaseDisclosure? {
        try await withoutActuallyEscaping(change) { change in
            try await db.write { tx in
                // As an approval: PostgreSQL locks the row so a concurrent review waits for this one.
                guard
                    var d = try await tx.first(
                        "SELECT doc FROM disclosures WHERE id = \(id)\(raw: tx.dialect == .postgres ? " FOR UPDATE" : "")", CaseDisclosure.init(row:))
                else { return nil }
                try change(&d)
                let doc = try GridJSON.text(d)
                try await tx.execute("UPDATE disclosures SET state = \(d.state.rawValue), doc = \(doc) WHERE id = \(id)")
                try await self.append(audit, in: tx)
                return d
            }
        }
    }

    public func withdrawDisclosures(ofCasesNotIn confirmed: Set<String>, audit: AuditEvent) async throws -> [String] {
        try await db.write { tx in
            // SQLite has a single writer; PostgreSQL locks the rows so a concurrent approval is not overwritten.
            let rows = try await tx.query(
                "SELECT case_person, doc FROM disclosures WHERE state != 'withdrawn' ORDER BY number\(raw: tx.dialect == .postgres ? " FOR UPDATE" : "")"
            ) { row in
                (person: try row.value("case_person", as: String.self), doc: try row.value("doc", as: String.self))
            }
            var withdrawn: [String] = []
            for row in rows where !confirmed.contains(row.person) {
                var d = try GridJSON.decode(CaseDisclosure.self, row.doc)
                d.state = .withdrawn
                let doc = try GridJSON.text(d)
                try await tx.execute("UPDATE disclosures SET state = 'withdrawn', doc = \(doc) WHERE id = \(d.id)")
                withdrawn.append(d.id)
            }
            if !withdrawn.isEmpty { try await self.append(audit, in: tx) }
            return withdrawn
        }
    }

    public func savePost(_ post: PublicPost, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(post)
        try await db.write { tx in
            try await tx.execute(
                "INSERT INTO public_posts (id, kind, published_at, doc) VALUES (\(post.id), \(post.kind.rawValue), \(post.publishedAt.seconds), \(doc))")
            try await self.append(audit, in: tx)
        }
    }

    public func posts(kind: PublicPost.Kind?, limit: Int) async throws -> [PublicPost] {
        let filter: SQL = kind.map { "WHERE kind = \($0.rawValue)" } ?? ""
        return try await db.query("SELECT doc FROM public_posts \(filter) ORDER BY published_at DESC, id LIMIT \(limit)", PublicPost.init(row:))
    }
}

extension CaseDisclosure {
    /// The published document (`doc`); the case's person stays in its own column.
    init(row: any SQLRow) throws {
        self = try GridJSON.decode(CaseDisclosure.self, try row.value("doc"))
    }
}

extension PublicPost {
    init(row: any SQLRow) throws {
        self = try GridJSON.decode(PublicPost.self, try row.value("doc"))
    }
}
