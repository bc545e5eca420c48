import Domain
import Foundation

extension MaskRound: GridDocument {}
extension RoundEntry: GridDocument {}
extension PickupAllocation: GridDocument {}

extension SQLStore {
    public func createRound(_ round: MaskRound, tokenKey: [UInt8], returning: [String], audit: AuditEvent) async throws {
        let doc = try GridJSON.text(round)
        try await db.write { tx in
            try await tx.execute(
                """
                INSERT INTO mask_rounds (id, product, area_path, state, opens_at, closes_at, token_key, doc)
                VALUES (\(round.id), \(round.product), \(round.areaPath), \(round.state.rawValue), \(round.opensAt.seconds), \(round.closesAt.seconds),
                        \(Hex.encode(tokenKey)), \(doc))
                """)
            for id in returning {
                guard var allocation = try await tx.first("SELECT doc FROM pickup_allocations WHERE id = \(id) AND state = 'awaiting'", PickupAllocation.init(row:))
                else { continue }
                allocation.state = .returned
                allocation.returnedTo = round.id
                try await tx.execute(
                    "UPDATE pickup_allocations SET state = 'returned', doc = \(try GridJSON.text(allocation)) WHERE id = \(id) AND state = 'awaiting'")
            }
            try await self.append(audit, in: tx)
        }
    }

    public func round(id: String) async throws -> MaskRound? {
        try await db.first("SELECT doc FROM mask_rounds WHERE id = \(id)", MaskRound.init(row:))
    }

    public func roundTokenKey(id: String) async throws -> [UInt8]? {
        try await db.first("SELECT token_key FROM mask_rounds WHERE id = \(id)") { Hex.decode(try $0.value(at: 0, as: String.self)) }.flatMap { $0 }
    }

    public func rounds(within area: AreaPath, page: PageRequest) async throws -> ListPage<MaskRound> {
        let scope: SQL = "FROM mask_rounds WHERE area_path >= \(area.lowerBound) AND area_path < \(area.upperBound)"
        return try await db.read { r in
            let items = try await r.query("SELECT doc \(scope) ORDER BY opens_at DESC, id LIMIT \(page.limit) OFFSET \(page.offset)", MaskRound.init(row:))
            return ListPage(items: items, total: try await r.count("SELECT count(*) \(scope)"), request: page)
        }
    }

    public func roundsToDraw(at now: Date) async throws -> [MaskRound] {
        try await db.query("SELECT doc FROM mask_rounds WHERE state = 'open' AND closes_at <= \(now.seconds) ORDER BY closes_at, id", MaskRound.init(row:))
    }

    public func enterRound(_ entry: RoundEntry, audit: AuditEvent) async throws {
        let doc = try GridJSON.text(entry)
        try await db.write { tx in
            let taken = try await tx.first("SELECT 1 FROM round_entries WHERE round = \(entry.round) AND person = \(entry.person)") { _ in true }
            if taken != nil { throw StoreError.duplicate(kind: "entry", key: entry.person) }
            try await tx.execute(
                """
                INSERT INTO round_entries (round, person, token, pharmacy, won, entered_at, doc)
                VALUES (\(entry.round), \(entry.person), \(entry.token), \(entry.pharmacy), 0, \(entry.enteredAt.seconds), \(doc))
                """)
            try await self.append(audit, in: tx)
        }
    }

    public func roundEntries(round: String) async throws -> [(token: String, pharmacy: String)] {
        try await db.query("SELECT token, pharmacy FROM round_entries WHERE round = \(round) ORDER BY token") { row in
            (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String.self))
        }
    }

    public func roundEntryCount(round: String) async throws -> Int {
        try await db.count("SELECT count(*) FROM round_entries WHERE round = \(round)")
    }

    public func roundEntrants(round: String, tokens: [String]) async throws -> [String: String] {
        var out: [String: String] = [:]
        for start in stride(from: 0, to: tokens.count, by: 1000) {
            let chunk = Array(tokens[start..<min(tokens.count, start + 1000)])
            for (token, person) in try await db.query("SELECT token, person FROM round_entries WHERE round = \(round) AND token IN (\(list: chunk))", { row in
                (try row.value(at: 0, as: String.self), try row.value(at: 1, as: String.self))
            }) { out[token] = person }
        }
        return out
    }

    public func roundWinners(round: String) async throws -> [String] {
        try await db.query("SELECT token FROM round_entries WHERE round = \(round) AND won = 1 ORDER BY token") { try $0.value(at: 0, as: String.self) }
    }

    public func entries(person: String) async throws -> [RoundEntry] {
        try await db.query(
            "SELECT doc, won FROM round_entries WHERE person = \(person) ORDER BY entered_at DESC, round") { row in
            var entry = try RoundEntry(row: row)
            entry.won = try row.value("won", as: Int64.self) != 0
            return entry
        }
    }

    public func rationedUnits(person: String, product: String, since: Date) async throws -> Int {
        try await db.read { r in
            let won = try await r.count(
                """
                SELECT CAST(sum(units) AS BIGINT) FROM pickup_allocations
                WHERE person = \(person) AND product = \(product) AND state <> 'returned' AND drawn_at >= \(since.seconds)
                """)
            let waiting = try await r.query(
                """
                SELECT m.doc FROM round_entries e JOIN mask_rounds m ON m.id = e.round
                WHERE e.person = \(person) AND m.product = \(product) AND m.state = 'open'
                """, MaskRound.init(row:))
            return won + waiting.reduce(0) { $0 + $1.perEntry }
        }
    }

    public func drawRound(_ round: MaskRound, winners: [String], allocations: [PickupAllocation], audit: AuditEvent) async throws -> Bool {
        let doc = try GridJSON.text(round)
        return try await db.write { tx in
            let n = try await tx.execute("UPDATE mask_rounds SET state = 'drawn', doc = \(doc) WHERE id = \(round.id) AND state = 'open'")
            guard n == 1 else { return false }
            for start in stride(from: 0, to: winners.count, by: 1000) {
                let chunk = Array(winners[start..<min(winners.count, start + 1000)])
                try await tx.execute("UPDATE round_entries SET won = 1 WHERE round = \(round.id) AND token IN (\(list: chunk))")
            }
            let drawn = (round.drawnAt ?? Date()).seconds
            if !allocations.isEmpty {
                try await tx.insert(
                RowInsert(
                    into: "pickup_allocations", columns: ["id", "round", "person", "pharmacy", "product", "units", "state", "drawn_at", "expires_at", "doc"],
                    rows: try allocations.map { a in
                        [.text(a.id), .text(a.round), .text(a.person), .text(a.pharmacy), .text(a.product), .integer(Int64(a.units)), .text(a.state.rawValue),
                         .integer(drawn), .integer(a.expiresAt.seconds), .text(try GridJSON.text(a))]
                    }))
            }
            try await self.append(audit, in: tx)
            return true
        }
    }

    public func allocation(id: String) async throws -> PickupAllocation? {
        try await db.first("SELECT doc FROM pickup_allocations WHERE id = \(id)", PickupAllocation.init(row:))
    }

    public func allocations(person: String) async throws -> [PickupAllocation] {
        try await db.query("SELECT doc FROM pickup_allocations WHERE person = \(person) ORDER BY drawn_at DESC, id", PickupAllocation.init(row:))
    }

    public func expiredAllocations(product: String, before now: Date) async throws -> [PickupAllocation] {
        try await db.query(
            "SELECT doc FROM pickup_allocations WHERE product = \(product) AND state = 'awaiting' AND expires_at < \(now.seconds) ORDER BY id",
            PickupAllocation.init(row:))
    }

    public func collect(allocation id: String, pharmacy: String, by: String, at: Date, audit: AuditEvent) async throws -> CollectOutcome {
        try await db.write { tx in
            try await tx.lock(.supplies)
            guard var allocation = try await tx.first("SELECT doc FROM pickup_allocations WHERE id = \(id)", PickupAllocation.init(row:)) else {
                return .refused(.unknown)
            }
            if allocation.state == .collected { return .refused(.alreadyCollected(at: allocation.collectedAt ?? at)) }
            guard allocation.pharmacy == pharmacy else { return .refused(.otherPharmacy(allocation.pharmacy)) }
            guard allocation.state == .awaiting, allocation.expiresAt > at else { return .refused(.expired(allocation.expiresAt)) }
            allocation.state = .collected
            allocation.collectedAt = at
            allocation.collectedBy = by
            let n = try await tx.execute(
                "UPDATE pickup_allocations SET state = 'collected', doc = \(try GridJSON.text(allocation)) WHERE id = \(id) AND state = 'awaiting'")
            guard n == 1 else { return .refused(.alreadyCollected(at: at)) }
            // The shelf count follows what was handed over; a count the pharmacy let run behind stops at zero.
            try await tx.execute(
                """
                UPDATE pharmacy_stock SET units = CASE WHEN units >= \(allocation.units) THEN units - \(allocation.units) ELSE 0 END,
                    updated_at = \(at.milliseconds), updated_by = \(by)
                WHERE pharmacy = \(pharmacy) AND product = \(allocation.product)
                """)
            try await self.append(audit, in: tx)
            return .collected(allocation)
        }
    }

    public func addToPriorityGroup(_ people: [String], group: String, by: String, audit: AuditEvent) async throws -> Int {
        guard !people.isEmpty else { return 0 }
        return try await db.write { tx in
            let added = try await tx.insert(
                RowInsert(
                    into: "supply_priority", columns: ["person", "grp", "added_by", "added_at"],
                    rows: people.map { [.text($0), .text(group), .text(by), .integer(audit.at.seconds)] }, conflict: "ON CONFLICT (person, grp) DO NOTHING"))
            try await self.append(audit, in: tx)
            return added
        }
    }

    public func priorityGroups(person: String) async throws -> Set<String> {
        Set(try await db.query("SELECT grp FROM supply_priority WHERE person = \(person)") { try $0.value(at: 0, as: String.self) })
    }
}
