import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    public func draftDisclosure(casePerson: String, make: @Sendable (Int) -> CaseDisclosure, audit: AuditEvent) async throws -> CaseDisclosure {
        try await transaction { connection in
            // Numbers are handed out one writer at a time.
            try await connection.query("SELECT pg_advisory_xact_lock(727005)", logger: self.logger)
            if let row = try await self.rows("SELECT doc FROM disclosures WHERE case_person = \(casePerson)", on: connection).first {
                return try GridJSON.decode(CaseDisclosure.self, try row.value("doc"))
            }
            let last = try await self.rows("SELECT COALESCE(MAX(number), 0) AS n FROM disclosures", on: connection).first
            let number = Int(try last?.value("n", as: Int32.self) ?? 0) + 1
            let d = make(number)
            let doc = try GridJSON.text(d)
            try await connection.query(
                "INSERT INTO disclosures (id, case_person, number, state, doc) VALUES (\(d.id), \(casePerson), \(d.number), \(d.state.rawValue), \(doc))",
                logger: self.logger)
            try await self.append(audit, on: connection)
            return d
        }
    }

    public func disclosure(id: String) async throws -> CaseDisclosure? {
        try await rows("SELECT doc FROM disclosures WHERE id = \(id)").first.map { try GridJSON.decode(CaseDisclosure.self, try $0.value("doc")) }
    }

    public func disclosures(approvedOnly: Bool, limit: Int) async throws -> [CaseDisclosure] {
        let query: PostgresQuery =
            approvedOnly
            ? "SELECT doc FROM disclosures WHERE state = 'approved' ORDER BY number LIMIT \(limit)"
            : "SELECT doc FROM disclosures ORDER BY number LIMIT \(limit)"
        return try await rows(query).map { try GridJSON.decode(CaseDisclosure.self, try $0.value("doc")) }
    }

    public func disclosures(state: DisclosureState, within area: AreaPath, limit: Int) async throws -> (page: [CaseDisclosure], total: Int) {
        let (s, lower, upper) = (state.rawValue, area.lowerBound, area.upperBound)
        let page = try await rows(
            """
            SELECT d.doc FROM disclosures d JOIN residents r ON r.id = d.case_person
            WHERE d.state = \(s) AND r.area_path >= \(lower) AND r.area_path < \(upper) ORDER BY d.number LIMIT \(limit)
            """
        ).map { try GridJSON.decode(CaseDisclosure.self, try $0.value("doc")) }
        let total = try await rows(
            """
            SELECT count(*)::bigint AS n FROM disclosures d JOIN residents r ON r.id = d.case_person
            WHERE d.state = \(s) AND r.area_path >= \(lower) AND r.area_path < \(upper)
            """
        ).first.map { Int(try $0.value("n", as: Int64.self)) } ?? 0
        return (page, total)
    }

    public func disclosureCasePerson(id: String) async throws -> String? {
        try await rows("SELECT case_person FROM disclosures WHERE id = \(id)").first.map { try $0.value("case_person", as: String.self) }
    }

    public func approveDisclosure(id: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool {
        try await transaction { connection in
            guard let row = try await self.rows("SELECT doc FROM disclosures WHERE id = \(id) AND state = 'draft' FOR UPDATE", on: connection).first else {
                return false
            }
            var d = try GridJSON.decode(CaseDisclosure.self, try row.value("doc"))
            d.state = .approved
            d.approvedBy = by
            d.approvedAt = at
            let doc = try GridJSON.text(d)
            try await connection.query("UPDATE disclosures SET state = 'approved', doc = \(doc) WHERE id = \(id)", logger: self.logger)
            try await self.append(audit, on: connection)
            return true
        }
    }

    public func withdrawDisclosures(ofCasesNotIn confirmed: Set<String>, audit: AuditEvent) async throws -> [String] {
        try await transaction { connection in
            var withdrawn: [String] = []
            for row in try await self.rows("SELECT id, case_person, doc FROM disclosures WHERE state != 'withdrawn' FOR UPDATE", on: connection) {
                guard !confirmed.contains(try row.value("case_person", as: String.self)) else { continue }
                var d = try GridJSON.decode(CaseDisclosure.self, try row.value("doc"))
                d.state = .withdrawn
                let doc = try GridJSON.text(d)
                try await connection.query("UPDATE disclosures SET state = 'withdrawn', doc = \(doc) WHERE id = \(d.id)", logger: self.logger)
                withdrawn.append(d.id)
            }
            if !withdrawn.isEmpty { try await self.append(audit, on: connection) }
            return withdrawn
        }
    }

    public func savePost(_ post: PublicPost, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(post)
        try await transaction { connection in
            try await connection.query(
                "INSERT INTO public_posts (id, kind, published_at, doc) VALUES (\(post.id), \(post.kind.rawValue), \(post.publishedAt.seconds), \(doc))",
                logger: self.logger)
            try await self.append(audit, on: connection)
        }
    }

    public func posts(kind: PublicPost.Kind?, limit: Int) async throws -> [PublicPost] {
        let query: PostgresQuery =
            if let kind {
                "SELECT doc FROM public_posts WHERE kind = \(kind.rawValue) ORDER BY published_at DESC, id LIMIT \(limit)"
            } else {
                "SELECT doc FROM public_posts ORDER BY published_at DESC, id LIMIT \(limit)"
            }
        return try await rows(query).map { try GridJSON.decode(PublicPost.self, try $0.value("doc")) }
    }
}
