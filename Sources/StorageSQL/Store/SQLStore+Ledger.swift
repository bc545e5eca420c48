import Domain
import Foundation

extension LedgerDraft: GridDocument {}
extension LedgerEntry: GridDocument {}

extension SQLStore {
    public func saveLedgerDraft(_ draft: LedgerDraft, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(draft)
        try await db.write { tx in
            try await tx.execute(
                "INSERT INTO ledger_drafts (id, state, entered_at, doc) VALUES (\(draft.id), \(draft.state.rawValue), \(draft.enteredAt.seconds), \(doc))")
            try await self.append(audit, in: tx)
        }
    }

    public func ledgerDraft(id: String) async throws -> LedgerDraft? {
        try await db.first("SELECT doc FROM ledger_drafts WHERE id = \(id)", LedgerDraft.init(row:))
    }

    public func pendingLedgerDrafts(page: PageRequest) async throws -> ListPage<LedgerDraft> {
        try await db.read { r in
            let items = try await r.query(
                "SELECT doc FROM ledger_drafts WHERE state = 'pending' ORDER BY entered_at, id LIMIT \(page.limit) OFFSET \(page.offset)", LedgerDraft.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) FROM ledger_drafts WHERE state = 'pending'"), request: page)
        }
    }

    public func rejectLedgerDraft(_ draft: LedgerDraft, audit: AuditEvent) async throws -> Bool {
        let doc = try GridJSON.text(draft)
        return try await db.write { tx in
            let n = try await tx.execute("UPDATE ledger_drafts SET state = \(draft.state.rawValue), doc = \(doc) WHERE id = \(draft.id) AND state = 'pending'")
            guard n == 1 else { return false }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func ledgerEntry(seq: Int) async throws -> LedgerEntry? {
        try await db.first("SELECT doc FROM ledger_entries WHERE seq = \(seq)", LedgerEntry.init(row:))
    }

    public func approveLedgerDraft(id: String, audit: AuditEvent, seal: @escaping @Sendable (LedgerApproval) throws -> LedgerAppend) async throws -> LedgerEntry {
        try await db.write { tx in
            // One approval at a time: the tail read here is the tail appended to.
            try await tx.lock(.supplies)
            guard var draft = try await tx.first("SELECT doc FROM ledger_drafts WHERE id = \(id)", LedgerDraft.init(row:)), draft.state == .pending else {
                throw LedgerRules.Refusal.notPending
            }
            let tail = try await tx.first("SELECT doc FROM ledger_entries ORDER BY seq DESC LIMIT 1", LedgerEntry.init(row:))
            var corrected: LedgerEntry?
            var current: Int?
            if let seq = draft.corrects {
                corrected = try await tx.first("SELECT doc FROM ledger_entries WHERE seq = \(seq)", LedgerEntry.init(row:))
                current = try await tx.first(
                    "SELECT amount FROM ledger_entries WHERE seq = \(seq) OR corrects = \(seq) ORDER BY seq DESC LIMIT 1") { Int(try $0.value(at: 0, as: Int64.self)) }
            }
            let balance = try await tx.count("SELECT CAST(sum(delta) AS BIGINT) FROM ledger_entries WHERE item = \(draft.item)")
            let append = try seal(LedgerApproval(draft: draft, tail: tail, corrected: corrected, current: current, balance: balance))
            let e = append.entry
            try await tx.execute(
                """
                INSERT INTO ledger_entries (seq, kind, item, amount, delta, direction, corrects, party, day, hash, doc)
                VALUES (\(e.seq), \(e.kind.rawValue), \(e.item), \(e.amount), \(append.delta), \(append.direction.rawValue), \(e.corrects), \(append.party),
                        \(append.day.description), \(e.hash), \(try GridJSON.text(e)))
                """)
            draft.state = .approved
            draft.seq = e.seq
            draft.decidedBy = audit.actor
            draft.decidedAt = audit.at
            try await tx.execute("UPDATE ledger_drafts SET state = 'approved', doc = \(try GridJSON.text(draft)) WHERE id = \(id)")
            if let shipment = append.shipment { try await Self.insertShipment(shipment, fromPath: nil, in: tx) }
            try await self.append(audit, in: tx)
            return e
        }
    }

    public func ledgerEntries(from seq: Int, limit: Int) async throws -> [LedgerEntry] {
        try await db.query("SELECT doc FROM ledger_entries WHERE seq >= \(seq) ORDER BY seq LIMIT \(limit)", LedgerEntry.init(row:))
    }

    public func ledgerEntryCount() async throws -> Int {
        try await db.count("SELECT count(*) FROM ledger_entries")
    }

    public func ledgerBalances() async throws -> [LedgerBalance] {
        try await db.query(
            """
            SELECT item, CAST(COALESCE(sum(CASE WHEN direction = 'in' THEN delta ELSE 0 END), 0) AS BIGINT) AS received,
                   CAST(COALESCE(-sum(CASE WHEN direction = 'out' THEN delta ELSE 0 END), 0) AS BIGINT) AS allocated
            FROM ledger_entries GROUP BY item ORDER BY item
            """
        ) { row in
            LedgerBalance(item: try row.value("item"), received: Int(try row.value("received", as: Int64.self)), allocated: Int(try row.value("allocated", as: Int64.self)))
        }
    }

    public func ledgerHeads(limit: Int) async throws -> [LedgerHead] {
        try await db.query(
            """
            SELECT e.day, e.seq, e.hash FROM ledger_entries e
            JOIN (SELECT day, max(seq) AS seq FROM ledger_entries GROUP BY day) last ON last.seq = e.seq
            ORDER BY e.seq DESC LIMIT \(limit)
            """
        ) { row in
            let day: String = try row.value(at: 0)
            guard let date = CalendarDate(iso: day) else { throw StoreError.unavailable("ledger day \(day) is not a date") }
            return LedgerHead(day: date, seq: Int(try row.value(at: 1, as: Int64.self)), hash: try row.value(at: 2, as: String.self))
        }
    }

    public func ledgerTotals(_ direction: LedgerDirection, page: PageRequest) async throws -> ListPage<LedgerTotal> {
        // Corrections carry their original's party and direction, so their deltas fold into its total.
        let sign: Int64 = direction == .in ? 1 : -1
        let scope: SQL = "FROM ledger_entries WHERE direction = \(direction.rawValue) GROUP BY party, item"
        return try await db.read { r in
            let items = try await r.query(
                """
                SELECT party, item, CAST(\(sign) * sum(delta) AS BIGINT) AS total, CAST(sum(CASE WHEN kind = 'correction' THEN 0 ELSE 1 END) AS BIGINT) AS n
                \(scope) ORDER BY total DESC, party, item LIMIT \(page.limit) OFFSET \(page.offset)
                """
            ) { row in
                LedgerTotal(
                    name: try row.value("party"), item: try row.value("item"), amount: Int(try row.value("total", as: Int64.self)),
                    entries: Int(try row.value("n", as: Int64.self)))
            }
            return ListPage(items: items, total: try await r.count("SELECT count(*) FROM (SELECT party \(scope)) t"), request: page)
        }
    }
}

