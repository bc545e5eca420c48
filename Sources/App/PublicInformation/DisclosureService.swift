import ContactTracing
import Domain
import Foundation

/// Case disclosures (公布病例情况): a draft for each confirmed case, made from the data with only the
/// fields that may be published; an epidemiologist approves each one before the public sees it.
public struct DisclosureService: Sendable {
    let services: CordonServices

    public init(services: CordonServices) { self.services = services }


    /// Drafts the disclosures of confirmed cases living within `area` that have none (and, for the
    /// whole city, withdraws those of cases no longer confirmed); returns how many are drafts now.
    @discardableResult
    public func draftNew(within area: AreaPath = .everywhere) async throws -> Int {
        let now = services.now()
        if await !services.timeline.isLoaded { try await services.timeline.load() }
        let index = await services.timeline.snapshot()
        let directory = try await services.store.areaDirectory()
        let confirmed = try await CaseList(services: services).confirmed(within: area)
        if area == .everywhere { try await withdraw(keeping: confirmed) }
        for c in confirmed {
            var district: String? = nil
            if let id = c.districtID, directory[id] != nil { district = try await services.store.area(id: id)?.name }
            var compound: Place? = nil
            if let id = c.resident.compoundID { compound = try await services.store.place(id: id) }
            let stays = try await stays(of: c.facts, index: index)
            let sex = c.resident.sex, birth = c.resident.birthDate, confirmed = c.day, districtName = district, home = compound
            _ = try await services.store.draftDisclosure(
                casePerson: c.person,
                make: { number in
                    DisclosureDraft.make(
                        number: number, sex: sex, birthDate: birth, compound: home, district: districtName, confirmedOn: confirmed, stays: stays, at: now)
                },
                audit: services.event("system:disclosure", .disclosureDraft, kind: "person", id: c.person))
        }
        return try await services.store.disclosures(state: .draft, within: area, limit: 0).total
    }

    /// Takes off the public outputs the disclosures of cases that are no longer confirmed (an
    /// epidemiologist discarded them); returns the ids withdrawn.
    @discardableResult
    public func withdraw(keeping confirmed: [CaseList.Case]? = nil) async throws -> [String] {
        var cases = confirmed ?? []
        if confirmed == nil { cases = try await CaseList(services: services).confirmed() }
        let withdrawn = try await services.store.withdrawDisclosures(
            ofCasesNotIn: Set(cases.map(\.person)), audit: services.event("system:disclosure", .disclosureWithdraw, detail: "cases no longer confirmed"))
        if !withdrawn.isEmpty { services.publicCache.clear() }
        return withdrawn
    }

    /// The case's stays in its tracing window, from the timeline.
    func stays(of facts: CaseFacts, index: TimelineIndex) async throws -> [(place: Place, from: Date, to: Date)] {
        guard let person = index.people.number(of: facts.person) else { return [] }
        let window = TraceWindow(for: facts, rules: services.profile.tracing)
        var places: [UInt32: Place?] = [:]
        var out: [(place: Place, from: Date, to: Date)] = []
        for e in index.events(of: person, overlapping: window.from, window.to) {
            if places[e.place] == nil { places[e.place] = .some(try await services.store.place(id: index.places.name(of: e.place))) }
            guard let place = places[e.place] ?? nil else { continue }
            out.append((place, Minutes.date(e.start), Minutes.date(e.end)))
        }
        return out
    }

    /// Publishes a draft (`approveDisclosures`: epidemiologists and the command centre).
    public func approve(_ id: String, as principal: Principal) async throws -> Bool {
        let directory = PersonDirectory(services: services)
        try await directory.authorize(principal, .approveDisclosures, kind: "disclosure", id: id)
        guard let person = try await services.store.disclosureCasePerson(id: id) else { return false }
        _ = try await directory.resident(person, as: principal, for: .approveDisclosures)  // the case's area, audited
        let done = try await services.store.approveDisclosure(
            id: id, by: principal.auditName, at: services.now(), audit: services.event(principal.auditName, .disclosureApprove, kind: "disclosure", id: id))
        services.publicCache.clear()
        return done
    }

    /// The drafts of cases in the principal's jurisdiction waiting for approval, and how many were approved there.
    public func drafts(as principal: Principal, limit: Int) async throws -> (drafts: [CaseDisclosure], approved: Int) {
        try AccessPolicy.check(principal, .approveDisclosures)
        guard let root = principal.jurisdiction else { return ([], 0) }
        let drafts = try await services.store.disclosures(state: .draft, within: root, limit: limit)
        return (drafts.page, try await services.store.disclosures(state: .approved, within: root, limit: 0).total)
    }

    /// What the public sees: approved disclosures only, published fields only.
    public func published() async throws -> [CaseDisclosure.Published] {
        try await services.publicCache.value("disclosures") { [services] in try await services.store.disclosures(approvedOnly: true, limit: 100_000).map(\.published) }
    }
}
