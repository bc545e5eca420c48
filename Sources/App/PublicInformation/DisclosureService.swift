import ContactTracing
import Domain
import Foundation

/// Case disclosures (公布病例情况): a draft for each confirmed case, made from the data with only the
/// fields that may be published; an epidemiologist approves each one before the public sees it.
public struct DisclosureService: Sendable {
    let store: any AreaRepository & PlaceRepository & ResidentRepository & PublicInformationRepository
    let profiles: ProfileStore
    let clock: WallClock
    let publicCache: PublicCache
    let timeline: TimelineService
    let caseList: CaseList
    let directory: PersonDirectory
    /// A compound with fewer residents is disclosed as its community (no point on the map): in a
    /// small compound, "a man in his thirties" is one person (`CORDON_DISCLOSURE_MIN_RESIDENTS`, 50).
    let minimumResidents: Int

    /// Drafts the disclosures of confirmed cases living within `area` that have none (and, for the
    /// whole city, withdraws those of cases no longer confirmed); returns how many are drafts now.
    @discardableResult
    public func draftNew(within area: AreaPath = .everywhere) async throws -> Int {
        let now = clock.now()
        if await !timeline.isLoaded { try await timeline.load() }
        let index = await timeline.snapshot()
        let areas = try await store.areaDirectory()
        let confirmed = try await caseList.confirmed(within: area)
        if area == .everywhere { try await withdraw(keeping: confirmed) }
        for c in confirmed {
            var district: String? = nil
            if let id = c.districtID, areas[id] != nil { district = try await store.area(id: id)?.name }
            var compound: Place? = nil
            if let id = c.resident.compoundID { compound = try await store.place(id: id) }
            if let small = compound, try await store.residentCount(compound: small.id) < minimumResidents {
                // Too few neighbours to hide among: the community's name (the fourth step of the
                // compound's area path: city, district, street, community), and no position.
                let steps = small.areaID.flatMap { areas[$0] }?.path.split(separator: "/").map(String.init) ?? []
                let community = steps.count >= 4 ? try await store.area(id: steps[3]) : nil
                compound = community.map { Place(id: "area:" + $0.id, kind: .compound, name: $0.name) }
            }
            let stays = try await stays(of: c.facts, index: index)
            let sex = c.resident.sex, birth = c.resident.birthYear, confirmed = c.day, districtName = district, home = compound
            _ = try await store.draftDisclosure(
                casePerson: c.person,
                make: { number in
                    DisclosureDraft.make(
                        number: number, sex: sex, birthYear: birth, compound: home, district: districtName, confirmedOn: confirmed, stays: stays, at: now)
                },
                audit: clock.event("system:disclosure", .disclosureDraft, kind: "person", id: c.person))
        }
        return try await store.disclosures(state: .draft, within: area, limit: 0).total
    }

    /// Takes off the public outputs the disclosures of cases that are no longer confirmed (an
    /// epidemiologist discarded them); returns the ids withdrawn.
    @discardableResult
    public func withdraw(keeping confirmed: [CaseList.Case]? = nil) async throws -> [String] {
        var cases = confirmed ?? []
        if confirmed == nil { cases = try await caseList.confirmed() }
        let withdrawn = try await store.withdrawDisclosures(
            ofCasesNotIn: Set(cases.map(\.person)), audit: clock.event("system:disclosure", .disclosureWithdraw, detail: "cases no longer confirmed"))
        if !withdrawn.isEmpty { publicCache.clear() }
        return withdrawn
    }

    /// The case's stays in its tracing window, from the timeline.
    func stays(of facts: CaseFacts, index: TimelineIndex) async throws -> [(place: Place, from: Date, to: Date)] {
        guard let person = index.people.number(of: facts.person) else { return [] }
        let window = TraceWindow(for: facts, rules: profiles.profile.tracing)
        var places: [UInt32: Place?] = [:]
        var out: [(place: Place, from: Date, to: Date)] = []
        for e in index.events(of: person, overlapping: window.from, window.to) {
            if places[e.place] == nil { places[e.place] = .some(try await store.place(id: index.places.name(of: e.place))) }
            guard let place = places[e.place] ?? nil else { continue }
            out.append((place, Minutes.date(e.start), Minutes.date(e.end)))
        }
        return out
    }

    /// Publishes a draft (`approveDisclosures`: epidemiologists and the command centre).
    public func approve(_ id: String, as principal: Principal) async throws -> Bool {
        try await directory.authorize(principal, .approveDisclosures, kind: "disclosure", id: id)
        guard let person = try await store.disclosureCasePerson(id: id) else { return false }
        _ = try await directory.resident(person, as: principal, for: .approveDisclosures)  // the case's area, audited
        let done = try await store.approveDisclosure(
            id: id, by: principal.auditName, at: clock.now(), audit: clock.event(principal.auditName, .disclosureApprove, kind: "disclosure", id: id))
        publicCache.clear()
        return done
    }

    /// Edits a draft within `DisclosureEdit`'s fields (`approveDisclosures`). Unknown id: not found.
    public func edit(_ id: String, _ edit: DisclosureEdit, as principal: Principal) async throws -> CaseDisclosure {
        try await review(id, as: principal, action: .disclosureEdit) { draft, editor, time in try edit.apply(to: &draft, by: editor, at: time) }
    }

    /// Rejects a draft with a reason: it is never published (`approveDisclosures`). Unknown id: not found.
    public func reject(_ id: String, _ rejection: DisclosureRejection, as principal: Principal) async throws -> CaseDisclosure {
        try await review(id, as: principal, action: .disclosureReject) { draft, reviewer, time in
            try rejection.apply(to: &draft, by: reviewer, at: time)
        }
    }

    private func review(
        _ id: String, as principal: Principal, action: AuditAction,
        change: @escaping @Sendable (inout CaseDisclosure, String, Date) throws -> Void
    ) async throws -> CaseDisclosure {
        try await directory.authorize(principal, .approveDisclosures, kind: "disclosure", id: id)
        guard let person = try await store.disclosureCasePerson(id: id) else { throw StoreError.notFound(kind: "disclosure draft", id: id) }
        _ = try await directory.resident(person, as: principal, for: .approveDisclosures)  // the case's area, audited
        let reviewer = principal.auditName, time = clock.now()
        guard
            let revised = try await store.reviseDisclosure(
                id: id, change: { draft in try change(&draft, reviewer, time) }, audit: clock.event(reviewer, action, kind: "disclosure", id: id))
        else { throw StoreError.notFound(kind: "disclosure draft", id: id) }
        return revised
    }

    /// The drafts of cases in the principal's jurisdiction waiting for approval, the latest
    /// rejections there, and how many were approved there.
    public func drafts(as principal: Principal, limit: Int) async throws -> (drafts: [CaseDisclosure], rejected: [CaseDisclosure], approved: Int) {
        try AccessPolicy.check(principal, .approveDisclosures)
        guard let root = principal.jurisdiction else { return ([], [], 0) }
        let drafts = try await store.disclosures(state: .draft, within: root, limit: limit)
        let rejected = try await store.disclosures(state: .rejected, within: root, limit: limit)
        return (drafts.page, rejected.page, try await store.disclosures(state: .approved, within: root, limit: 0).total)
    }

    /// What the public sees: approved disclosures only, published fields only.
    public func published() async throws -> [CaseDisclosure.Published] {
        try await publicCache.value("disclosures") { [store] in try await store.disclosures(approvedOnly: true, limit: 100_000).map(\.published) }
    }
}
