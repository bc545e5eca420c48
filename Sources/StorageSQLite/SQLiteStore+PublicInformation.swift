import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func draftDisclosure(casePerson: String, make: @Sendable (Int) -> CaseDisclosure, audit: AuditEvent) async throws -> CaseDisclosure {
        try await pool.write { db in
            if let doc = try String.fetchOne(db, sql: "SELECT doc FROM disclosures WHERE case_person = ?", arguments: [casePerson]) {
                return try GridJSON.decode(CaseDisclosure.self, doc)
            }
            let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM disclosures") ?? 0) + 1
            let d = make(number)
            try db.execute(
                sql: "INSERT INTO disclosures (id, case_person, number, state, doc) VALUES (?, ?, ?, ?, ?)",
                arguments: [d.id, casePerson, d.number, d.state.rawValue, try GridJSON.text(d)])
            try self.append(audit, in: db)
            return d
        }
    }

    public func disclosure(id: String) async throws -> CaseDisclosure? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT doc FROM disclosures WHERE id = ?", arguments: [id]) }
            .map { try GridJSON.decode(CaseDisclosure.self, $0) }
    }

    public func disclosures(approvedOnly: Bool, limit: Int) async throws -> [CaseDisclosure] {
        let docs = try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT doc FROM disclosures \(approvedOnly ? "WHERE state = 'approved'" : "") ORDER BY number LIMIT ?", arguments: [limit])
        }
        return try docs.map { try GridJSON.decode(CaseDisclosure.self, $0) }
    }

    public func disclosures(state: DisclosureState, within area: AreaPath, limit: Int) async throws -> (page: [CaseDisclosure], total: Int) {
        let (docs, total) = try await pool.read { db in
            let scope = "FROM disclosures d JOIN residents r ON r.id = d.case_person WHERE d.state = ? AND r.area_path >= ? AND r.area_path < ?"
            let arguments: StatementArguments = [state.rawValue, area.lowerBound, area.upperBound]
            let docs = try String.fetchAll(db, sql: "SELECT d.doc \(scope) ORDER BY d.number LIMIT ?", arguments: arguments + [limit])
            return (docs, try Int.fetchOne(db, sql: "SELECT count(*) \(scope)", arguments: arguments) ?? 0)
        }
        return (try docs.map { try GridJSON.decode(CaseDisclosure.self, $0) }, total)
    }

    public func disclosureCasePerson(id: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT case_person FROM disclosures WHERE id = ?", arguments: [id]) }
    }

    public func approveDisclosure(id: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await pool.write { db in
            guard let doc = try String.fetchOne(db, sql: "SELECT doc FROM disclosures WHERE id = ? AND state = 'draft'", arguments: [id]) else { return false }
            var d = try GridJSON.decode(CaseDisclosure.self, doc)
            d.state = .approved
            d.approvedBy = by
            d.approvedAt = at
            try db.execute(sql: "UPDATE disclosures SET state = 'approved', doc = ? WHERE id = ?", arguments: [try GridJSON.text(d), id])
            try self.append(audit, in: db)
            return true
        }
    }

    public func withdrawDisclosures(ofCasesNotIn confirmed: Set<String>, audit: AuditEvent) async throws -> [String] {
        try await pool.write { db in
            var withdrawn: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, case_person, doc FROM disclosures WHERE state != 'withdrawn'") {
                let person: String = row["case_person"]
                guard !confirmed.contains(person) else { continue }
                var d = try GridJSON.decode(CaseDisclosure.self, row["doc"])
                d.state = .withdrawn
                try db.execute(sql: "UPDATE disclosures SET state = 'withdrawn', doc = ? WHERE id = ?", arguments: [try GridJSON.text(d), d.id])
                withdrawn.append(d.id)
            }
            if !withdrawn.isEmpty { try self.append(audit, in: db) }
            return withdrawn
        }
    }

    public func savePost(_ post: PublicPost, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO public_posts (id, kind, published_at, doc) VALUES (?, ?, ?, ?)",
                arguments: [post.id, post.kind.rawValue, post.publishedAt.seconds, try GridJSON.text(post)])
            try self.append(audit, in: db)
        }
    }

    public func posts(kind: PublicPost.Kind?, limit: Int) async throws -> [PublicPost] {
        let docs = try await pool.read { db in
            if let kind {
                return try String.fetchAll(db, sql: "SELECT doc FROM public_posts WHERE kind = ? ORDER BY published_at DESC, id LIMIT ?", arguments: [kind.rawValue, limit])
            }
            return try String.fetchAll(db, sql: "SELECT doc FROM public_posts ORDER BY published_at DESC, id LIMIT ?", arguments: [limit])
        }
        return try docs.map { try GridJSON.decode(PublicPost.self, $0) }
    }
}
