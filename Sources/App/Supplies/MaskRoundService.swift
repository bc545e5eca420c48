import Domain
import Foundation
import GridWork
import Privacy
import Supplies

/// Reservation rounds (口罩预约摇号): officers open a round for a product over their area's pharmacies
/// and publish the seed's commitment; residents (and proxies for their dependants) enter once,
/// within their quota; when the round closes the seed is revealed and the winners drawn by the
/// lottery anyone can recompute (DESIGN §5). Winners collect with a signed pickup code.
public struct MaskRoundService: Sendable {
    let store: any SupplyRepository & PlaceRepository & AreaRepository & ResidentRepository
    let vault: PersonalDataVault
    let profiles: ProfileStore
    let publicCache: PublicCache
    let clock: WallClock
    let directory: PersonDirectory

    var rules: SupplyRules { profiles.profile.supplies }
    var localTime: LocalTime { profiles.profile.localTime }

    /// A round as typed by an officer.
    public struct Form: Sendable, Equatable {
        public var product = ""
        public var area = ""
        public var opensAt = ""
        public var closesAt = ""
        public var perEntry = "5"
        /// Units at each pharmacy, or a total for the area shared among its pharmacies (one of the two).
        public var perPharmacy = ""
        public var areaTotal = ""
        public init() {}
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case product(String)
        case area(String)
        case opensAt(String)
        case closesAt(String)
        case perEntry(String)
        case units
        case noPharmacies(String)
        case notClosed(Date)
        case group(String)

        public var field: String {
            switch self {
            case .product: "product"
            case .area, .noPharmacies: "area"
            case .opensAt: "opensAt"
            case .closesAt, .notClosed: "closesAt"
            case .perEntry: "perEntry"
            case .units: "perPharmacy"
            case .group: "group"
            }
        }

        public var description: String {
            switch self {
            case .product(let p): "product: \(p) is not a product of the profile"
            case .area(let a): "area: \(a) is not an area of yours"
            case .opensAt(let t): "opensAt: \(t) is not a date and time"
            case .closesAt(let t): "closesAt: \(t) is not a date and time after the opening"
            case .perEntry(let n): "perEntry: \(n) is not a whole number of units from 1"
            case .units: "perPharmacy: give the units at each pharmacy or a total for the area (one of the two, from 1)"
            case .noPharmacies(let a): "area: \(a) has no pharmacies"
            case .notClosed(let at): "closesAt: the round takes entries until \(Timestamp.format(at))"
            case .group(let g): "group: \(g) is not a priority group officers list (medical)"
            }
        }
    }

    public func create(_ form: Form, as principal: Principal) async throws -> MaskRound {
        guard rules.product(form.product) != nil else { throw Problem.product(form.product) }
        guard let area = try await store.area(id: form.area.trimmingCharacters(in: .whitespaces)) else { throw Problem.area(form.area) }
        try await directory.authorize(principal, .manageSupplies, .area(id: area.id, path: area.path))
        guard let opens = localTime.date(fromInput: form.opensAt) else { throw Problem.opensAt(form.opensAt) }
        guard let closes = localTime.date(fromInput: form.closesAt), closes > opens else { throw Problem.closesAt(form.closesAt) }
        guard let perEntry = Int(form.perEntry.trimmingCharacters(in: .whitespaces)), (1...10_000).contains(perEntry) else { throw Problem.perEntry(form.perEntry) }
        let each = Int(form.perPharmacy.trimmingCharacters(in: .whitespaces)), total = Int(form.areaTotal.trimmingCharacters(in: .whitespaces))
        guard (each == nil) != (total == nil), (each ?? total ?? 0) >= 1 else { throw Problem.units }
        let pharmacies = try await store.places(kind: .pharmacy, within: AreaPath(area.path)).map(\.id)
        guard !pharmacies.isEmpty else { throw Problem.noPharmacies(area.name) }
        var quantities: [String: Int] = [:]
        for (i, id) in pharmacies.enumerated() {
            // A total is shared out evenly; the first pharmacies take the remainder.
            quantities[id] = each ?? ((total ?? 0) / pharmacies.count + (i < (total ?? 0) % pharmacies.count ? 1 : 0))
        }
        // Allocations of earlier rounds no one collected in time come back to their pharmacy here.
        var returned: [String: Int] = [:]
        var returning: [String] = []
        for a in try await store.expiredAllocations(product: form.product, before: clock.now()) where quantities[a.pharmacy] != nil {
            returned[a.pharmacy, default: 0] += a.units
            quantities[a.pharmacy, default: 0] += a.units
            returning.append(a.id)
        }
        let seed = Lottery.newSeed()
        var round = MaskRound(
            id: "MR-" + SecretToken.shortID(5), product: form.product, opensAt: opens, closesAt: closes, perEntry: perEntry,
            quantities: quantities, commitment: Lottery.commitment(seed: seed), seed: Hex.encode(seed), areaID: area.id, areaPath: area.path,
            createdBy: principal.auditName)
        round.returned = returned
        try await store.createRound(
            round, tokenKey: RoundToken.newKey(), returning: returning,
            audit: clock.event(principal.auditName, .roundCreate, kind: "round", id: round.id, detail: "\(round.product) \(round.totalUnits) units, commitment \(round.commitment)"))
        publicCache.clear()
        return round
    }

    /// Enters a person (the principal, or a dependant they hold codes for) at a pharmacy of the round.
    public func enter(round id: String, person: String, pharmacy: String, as principal: Principal) async throws -> RoundEntry {
        guard let round = try await store.round(id: id) else { throw StoreError.notFound(kind: "round", id: id) }
        guard let resident = try await store.resident(id: person) else { throw StoreError.notFound(kind: "person", id: person) }
        try await directory.authorize(principal, .bookMasks, .person(id: person, areaPath: resident.areaPath))
        let now = clock.now()
        let groups = try await groups(of: resident)
        let quota = Rationing.quota(groups: groups, rules: rules)
        let used = try await store.rationedUnits(person: person, product: round.product, since: now.addingTimeInterval(-Double(quota.periodDays) * 86_400))
        let entered = try await store.entries(person: person).contains { $0.round == round.id }
        if let refusal = Rationing.check(
            round: round, pharmacy: pharmacy, alreadyEntered: entered, used: used, groups: groups, idNumber: resident.idNumberMasked,
            today: ReportDay(offsetMinutes: localTime.offsetMinutes).day(of: now), now: now, rules: rules)
        {
            throw refusal
        }
        guard let key = try await store.roundTokenKey(id: round.id) else { throw StoreError.notFound(kind: "round key", id: round.id) }
        let entry = RoundEntry(
            round: round.id, person: person, token: RoundToken.token(key: key, round: round.id, person: person), pharmacy: pharmacy,
            enteredBy: principal.auditName, enteredAt: now)
        do {
            try await store.enterRound(entry, audit: clock.event(principal.auditName, .roundEnter, kind: "person", id: person, detail: "\(round.id) at \(pharmacy)"))
        } catch StoreError.duplicate {
            throw Rationing.Refusal.alreadyEntered
        }
        return entry
    }

    /// The priority groups a person belongs to: listed by officers (medical staff), or derived
    /// (elderly living alone: of `elderlyAge` or more, the only member of their household).
    func groups(of resident: SealedResident) async throws -> Set<String> {
        var groups = try await store.priorityGroups(person: resident.id)
        let year = ReportDay(offsetMinutes: localTime.offsetMinutes).day(of: clock.now()).year
        if let born = resident.birthYear, year - born >= rules.elderlyAge {
            var alone = true
            if let household = resident.householdID { alone = try await store.householdMembers(householdID: household).count <= 1 }
            if alone { groups.insert("elderly-alone") }
        }
        return groups
    }

    /// Draws a round whose entries have closed: reveals the seed, marks the winners, gives each an
    /// allocation to collect within `pickupDays`. False when it was drawn already.
    @discardableResult
    public func draw(_ id: String, as principal: Principal?) async throws -> Bool {
        guard var round = try await store.round(id: id) else { throw StoreError.notFound(kind: "round", id: id) }
        if let principal { try await directory.authorize(principal, .manageSupplies, .area(id: round.areaID, path: round.areaPath)) }
        guard round.state == .open else { return false }
        let now = clock.now()
        guard now >= round.closesAt else { throw Problem.notClosed(round.closesAt) }
        guard let seed = Hex.decode(round.seed) else { throw StoreError.notFound(kind: "round seed", id: id) }
        let entries = try await store.roundEntries(round: round.id)
        let winners = Lottery.draw(seed: seed, entries: entries, perEntry: round.perEntry, quantities: round.quantities).map { entries[$0] }
        let people = try await store.roundEntrants(round: round.id, tokens: winners.map(\.token))
        let expires = now.addingTimeInterval(Double(rules.pickupDays) * 86_400)
        let allocations = winners.compactMap { w in
            people[w.token].map { person in
                PickupAllocation(
                    id: "PU-" + SecretToken.shortID(8), round: round.id, person: person, token: w.token, pharmacy: w.pharmacy,
                    product: round.product, units: round.perEntry, expiresAt: expires)
            }
        }
        round.state = .drawn
        round.drawnAt = now
        let drawn = try await store.drawRound(
            round, winners: winners.map(\.token), allocations: allocations,
            audit: clock.event(principal?.auditName ?? "system:supplies", .roundDraw, kind: "round", id: round.id, detail: "\(entries.count) entries, \(winners.count) winners, seed \(round.seed)"))
        if drawn { publicCache.clear() }
        return drawn
    }

    /// Draws every round whose closing time has passed (the background loop).
    public func drawDue() async throws -> Int {
        var n = 0
        for round in try await store.roundsToDraw(at: clock.now()) where try await draw(round.id, as: nil) { n += 1 }
        return n
    }

    /// Rounds of an area (the public sees all), newest first.
    public func rounds(within area: AreaPath = .everywhere, page: PageRequest) async throws -> ListPage<MaskRound> {
        try await store.rounds(within: area, page: page)
    }

    public func round(_ id: String) async throws -> MaskRound {
        guard let round = try await store.round(id: id) else { throw StoreError.notFound(kind: "round", id: id) }
        return round
    }

    /// How many entered a round, and how many won.
    public func counts(_ id: String) async throws -> (entries: Int, winners: Int) {
        (try await store.roundEntryCount(round: id), try await store.roundWinners(round: id).count)
    }

    /// The round's open-data document: entries and seed once drawn, winners in ranking order.
    public func document(_ id: String) async throws -> RoundDocument {
        try await publicCache.value("round/" + id) {
            let round = try await round(id)
            guard round.state == .drawn, let seed = Hex.decode(round.seed) else { return RoundDocument(round: round, entries: [], winners: []) }
            let entries = try await store.roundEntries(round: id)
            let winners = try await store.roundWinners(round: id).map { (token: $0, key: Lottery.rankKey(seed: seed, token: $0)) }
                .sorted { Array($0.key).lexicographicallyPrecedes(Array($1.key)) }.map(\.token)
            return RoundDocument(round: round, entries: entries, winners: winners)
        }
    }

    /// Lists identity numbers (one a line) in a priority group (`medical`); each bad line is named.
    public func addToPriorityGroup(_ text: String, group: String, as principal: Principal) async throws -> (added: Int, problems: [String]) {
        guard rules.priorityGroups.contains(where: { $0.id == group }), group != "elderly-alone" else { throw Problem.group(group) }
        try await directory.authorize(principal, .manageSupplies, kind: "priority", id: group)
        var people: [String] = []
        var problems: [String] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = line.trimmingCharacters(in: .whitespaces).uppercased()
            guard !number.isEmpty else { continue }
            guard let person = try await store.residents(idNumberIndex: vault.blindIndex(number, kind: "id")).first else {
                problems.append("line \(i + 1): no resident with identity number \(Masking.idNumber(number))")
                continue
            }
            guard let root = principal.jurisdiction, root.contains(AreaPath(person.areaPath)) else {
                problems.append("line \(i + 1): \(Masking.idNumber(number)) lives outside your area")
                continue
            }
            people.append(person.id)
        }
        let added = try await store.addToPriorityGroup(
            people, group: group, by: principal.auditName, audit: clock.event(principal.auditName, .priorityAdd, kind: "priority", id: group, detail: "\(people.count) people"))
        return (added, problems)
    }
}
