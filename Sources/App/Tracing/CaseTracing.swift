import ContactTracing
import Domain
import Foundation

/// Tracing could not place the case in the timeline even after registering them (never expected;
/// a failure, not "no contacts").
public enum TraceError: Error, CustomStringConvertible {
    case notInTimeline(String)

    public var description: String {
        switch self {
        case .notInTimeline(let p): "\(p) could not be added to the timeline index"
        }
    }
}

/// Cases and their contacts, for the API, the pages and `cordon trace`. Every trace is checked
/// (role and jurisdiction of the case, through `PersonDirectory`) and audited.
public struct CaseTracing: Sendable {
    let store: any ResidentRepository & FeedRepository & HealthRepository & AuditLogRepository & PlaceRepository
    let timeline: TimelineService
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    /// People living within `area` with a positive result, oldest first, with what their results
    /// make of them (the store filters by area: an officer's list is their jurisdiction's).
    public func cases(within area: AreaPath, limit: Int) async throws -> [CaseFacts] {
        var seen: [String: CaseFacts] = [:]
        var order: [String] = []
        for result in try await store.positiveLabResults(within: area, limit: limit * 4) {
            if var facts = seen[result.person] {
                if result.test == .pcr && profiles.profile.autoConfirm { facts.status = .confirmed }
                seen[result.person] = facts
            } else {
                seen[result.person] = CaseFacts(
                    person: result.person, status: result.test == .pcr && profiles.profile.autoConfirm ? .confirmed : .suspected,
                    firstPositiveSample: result.sampledAt)
                order.append(result.person)
            }
        }
        return order.prefix(limit).compactMap { seen[$0] }
    }

    /// The case a person is: made by their lab results, then as the epidemiologist's record says
    /// (confirmed, suspected or discarded; onset and isolation set the window). `StoreError.notFound`
    /// when they are not a case.
    public func facts(of person: String) async throws -> CaseFacts {
        // Lab results make a case; the epidemiologist's record may then correct or discard it.
        guard let derived = CaseFacts.derive(person: person, from: try await store.labResults(person: person), autoConfirmPCR: profiles.profile.autoConfirm),
            let facts = CaseFacts.resolve(derived, record: try await store.caseRecord(person: person))
        else { throw StoreError.notFound(kind: "case", id: person) }
        return facts
    }

    /// The cases a staff member may see: those living in their jurisdiction.
    public func cases(as principal: Principal, limit: Int) async throws -> [CaseFacts] {
        try await directory.authorize(principal, .traceCases, kind: "case", id: "*")
        guard let root = principal.jurisdiction else { return [] }
        return try await cases(within: root, limit: limit)
    }

    /// One page of the cases a staff member may see (living in their jurisdiction), by first
    /// positive sample, counted in the store; each with its facts as the case page shows them (nil:
    /// discarded by an epidemiologist since) and the person's masked name (nil: not a resident here).
    public func cases(as principal: Principal, page: PageRequest) async throws -> ListPage<ListedCase> {
        try await directory.authorize(principal, .traceCases, kind: "case", id: "*")
        guard let root = principal.jurisdiction else { return ListPage(items: [], total: 0, request: page) }
        let people = try await store.positivePeople(within: root, page: page)
        let names = Dictionary(uniqueKeysWithValues: try await store.residents(ids: people.items).map { ($0.id, Masking.name($0.name)) })
        var items: [ListedCase] = []
        for person in people.items {
            do {
                items.append(ListedCase(person: person, name: names[person], facts: try await facts(of: person)))
            } catch StoreError.notFound {
                items.append(ListedCase(person: person, name: names[person], facts: nil))
            }
        }
        if !names.isEmpty {
            try await store.appendAudit(
                clock.event(principal.auditName, .personList, kind: "cases", id: principal.jurisdictionID ?? "", detail: "\(names.count) cases named on the case list"))
        }
        return ListPage(items: items, total: people.total, request: page)
    }

    /// What a case page shows instead of ids: the contacts of one page by (masked) name and the
    /// places of their evidence by name. The names read are audited as one list read.
    public func labels(people: [String], places: [String], as principal: Principal) async throws -> (people: [String: String], places: [String: String]) {
        var names: [String: String] = [:]
        if !people.isEmpty {
            for r in try await store.residents(ids: people) { names[r.id] = Masking.name(r.name) }
            try await store.appendAudit(
                clock.event(principal.auditName, .personList, kind: "contacts", id: principal.jurisdictionID ?? "", detail: "\(names.count) contacts named on a case page"))
        }
        var placeNames: [String: String] = [:]
        for id in Set(places) { placeNames[id] = try await store.place(id: id)?.name ?? id }
        return (names, placeNames)
    }

    public struct ListedCase: Sendable {
        public var person: String
        public var name: String?
        public var facts: CaseFacts?
    }

    /// Traces a case for a staff member: role check, jurisdiction check of the case (audited read),
    /// then an audit entry for the trace itself.
    public func trace(_ person: String, as principal: Principal) async throws -> TraceReport {
        _ = try await directory.resident(person, as: principal, for: .traceCases)
        let report = try await trace(person)
        try await store.appendAudit(
            clock.event(principal.auditName, .caseTrace, kind: "person", id: person, detail: "\(report.contacts.count) contacts"))
        return report
    }

    /// Traces a case without a principal (the CLI, which has the database itself).
    public func trace(_ person: String) async throws -> TraceReport {
        let facts = try await facts(of: person)
        if await !timeline.isLoaded { try await timeline.load() }
        if let report = ContactTracer(index: await timeline.snapshot(), rules: profiles.profile.tracing).report(for: facts) { return report }
        // Not in the index: a resident another writer imported since the timeline loaded. Register
        // them and their household from the store, or their household contacts would be missed.
        guard let resident = try await store.resident(id: person) else { throw StoreError.notFound(kind: "person", id: person) }
        var people = [(id: resident.id, household: resident.householdID)]
        if let household = resident.householdID {
            people += try await store.householdMembers(householdID: household).map { (id: $0.id, household: $0.householdID) }
        }
        await timeline.addPeople(people)
        guard let report = ContactTracer(index: await timeline.snapshot(), rules: profiles.profile.tracing).report(for: facts) else {
            throw TraceError.notInTimeline(person)
        }
        return report
    }
}
