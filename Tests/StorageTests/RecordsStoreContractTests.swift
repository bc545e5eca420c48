import Domain
import Foundation
import Testing
import TestSupport

/// Appeals and corrections, public information, statuses in bulk, the facts a recompute reads, the
/// people linked to a case, compound or proxy, the outbox report and new presence rows, on SQLite
/// and PostgreSQL alike.
@Suite("Records store contract")
struct RecordsStoreContractTests {
    typealias C = StoreContractTests
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    static let day: TimeInterval = 86_400

    static func audit(_ action: String) -> AuditEvent { AuditEvent(at: t0, actor: "test", action: action, subjectKind: "person", subjectID: "P") }

    /// `nextAttemptAt` is set so the message reads back exactly as written (the stores fill it in from `createdAt`).
    static func message(_ id: String, kind: AlertKind = .appealAnswer, person: String? = "P", at: Date = t0) -> OutboxMessage {
        OutboxMessage(
            id: id, createdAt: at, channel: .sms, recipientSealed: Data([9, 9]), recipientMasked: "138****5678", kind: kind, body: "text \(id)",
            person: person, nextAttemptAt: at)
    }

    static func status(_ person: String, _ colour: HealthColour, at: Date) -> HealthStatus {
        HealthStatus(person: person, colour: colour, reasons: [], until: nil, actions: [], profileVersion: 1, computedAt: at)
    }

    static func disclosure(_ id: String, number: Int) -> CaseDisclosure {
        CaseDisclosure(
            id: id, number: number, sex: .female, ageBand: "30-39", compound: "西湖小区", compoundID: "CMP-1", latitude: 30.25, longitude: 120.17,
            district: "上城区", confirmedOn: CalendarDate(iso: "2023-11-14")!,
            trajectory: [PublicStop(place: "超市", kind: .venue, from: t0.addingTimeInterval(-7200), to: t0.addingTimeInterval(-3600))], preparedAt: t0)
    }

    static func auditCount(_ store: any CordonStore) async throws -> Int { try await store.auditEntries(after: 0, limit: 1000).count }

    @Test("appeals are listed newest first; a decision is taken once, with its correction and its message", arguments: Backend.available)
    func appeals(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let first = Appeal(
            id: "A1", person: "P", factKind: "arrival", factID: "ARR-1", reason: "I never left the city", submittedBy: "P", submittedAt: Self.t0,
            deadline: Self.t0.addingTimeInterval(Self.day))
        let second = Appeal(
            id: "A2", person: "P", factKind: "exposure", factID: "C9", reason: "I was not there", submittedBy: "PROXY",
            submittedAt: Self.t0.addingTimeInterval(60), deadline: Self.t0.addingTimeInterval(2 * Self.day))
        try await store.insertAppeal(first, audit: Self.audit("appeal.submit"))
        try await store.insertAppeal(second, audit: Self.audit("appeal.submit"))
        #expect(try await store.appeal(id: "A1") == first)
        #expect(try await store.appeal(id: "A-unknown") == nil)
        #expect(try await store.appeals(person: "P") == [second, first])
        #expect(try await store.appeals(person: "Q").isEmpty)
        #expect(try await store.corrections(person: "P").isEmpty)

        var upheld = first
        upheld.state = .upheld
        upheld.decidedBy = "epi"
        upheld.decidedAt = Self.t0.addingTimeInterval(120)
        upheld.decision = "the rail record is someone else's"
        let correction = FactCorrection(person: "P", factKind: "arrival", factID: "ARR-1", appealID: "A1", at: Self.t0.addingTimeInterval(120))
        let notice = Self.message("M1", at: Self.t0.addingTimeInterval(120))
        #expect(try await store.decideAppeal(upheld, correction: correction, notify: notice, audit: Self.audit("appeal.decide")))
        #expect(try await store.appeal(id: "A1") == upheld)
        #expect(try await store.corrections(person: "P") == [correction])
        #expect(try await store.pendingMessages(limit: 10) == [notice])

        // A second decision (two officers at once) is refused whole: no correction, message or audit entry.
        let audits = try await Self.auditCount(store)
        var dismissed = first
        dismissed.state = .dismissed
        dismissed.decidedBy = "other"
        dismissed.decidedAt = Self.t0.addingTimeInterval(180)
        dismissed.decision = "no"
        let wrong = FactCorrection(person: "P", factKind: "symptoms", factID: "X", appealID: "A1", at: Self.t0.addingTimeInterval(180))
        #expect(try await store.decideAppeal(dismissed, correction: wrong, notify: Self.message("M2"), audit: Self.audit("appeal.decide")) == false)
        var ghost = dismissed
        ghost.id = "A-unknown"
        #expect(try await store.decideAppeal(ghost, correction: nil, notify: Self.message("M3"), audit: Self.audit("appeal.decide")) == false)
        #expect(try await store.appeal(id: "A1") == upheld)
        #expect(try await store.corrections(person: "P") == [correction])
        #expect(try await store.pendingMessages(limit: 10).map(\.id) == ["M1"])
        #expect(try await Self.auditCount(store) == audits)

        // Corrections come back by time, not by when they were recorded.
        var second2 = second
        second2.state = .upheld
        second2.decidedBy = "epi"
        second2.decidedAt = Self.t0.addingTimeInterval(60)
        let earlier = FactCorrection(person: "P", factKind: "exposure", factID: "C9", appealID: "A2", at: Self.t0.addingTimeInterval(60))
        #expect(try await store.decideAppeal(second2, correction: earlier, notify: nil, audit: Self.audit("appeal.decide")))
        #expect(try await store.corrections(person: "P") == [earlier, correction])
        #expect(try await store.appeals(person: "P").map(\.state) == [.upheld, .upheld])
        try await store.close()
    }

    @Test("a disclosure round-trips, is approved once, and withdrawal takes it off the public list", arguments: Backend.available)
    func disclosures(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let d1 = try await store.draftDisclosure(casePerson: "P1", make: { Self.disclosure("D1", number: $0) }, audit: Self.audit("disclosure.draft"))
        _ = try await store.draftDisclosure(casePerson: "P2", make: { Self.disclosure("D2", number: $0) }, audit: Self.audit("disclosure.draft"))
        #expect(try await store.disclosure(id: "D1") == d1)
        #expect(try await store.disclosure(id: "D-unknown") == nil)

        #expect(try await store.approveDisclosure(id: "D1", by: "epi", at: Self.t0.addingTimeInterval(60), audit: Self.audit("disclosure.approve")))
        var approved = d1
        approved.state = .approved
        approved.approvedBy = "epi"
        approved.approvedAt = Self.t0.addingTimeInterval(60)
        #expect(try await store.disclosure(id: "D1") == approved)
        // Approving again, or an unknown id, changes nothing (the first approver stays on record).
        #expect(try await store.approveDisclosure(id: "D1", by: "other", at: Self.t0.addingTimeInterval(120), audit: Self.audit("disclosure.approve")) == false)
        #expect(try await store.approveDisclosure(id: "D-unknown", by: "epi", at: Self.t0, audit: Self.audit("disclosure.approve")) == false)
        #expect(try await store.disclosure(id: "D1") == approved)
        #expect(try await store.disclosures(approvedOnly: true, limit: 10).map(\.id) == ["D1"])

        // P2 is no longer a confirmed case: its draft is withdrawn, P1's approved disclosure stays.
        #expect(try await store.withdrawDisclosures(ofCasesNotIn: ["P1"], audit: Self.audit("disclosure.withdraw")) == ["D2"])
        #expect(try await store.disclosure(id: "D2")?.state == .withdrawn)
        #expect(try await store.approveDisclosure(id: "D2", by: "epi", at: Self.t0, audit: Self.audit("disclosure.approve")) == false)
        // Only what is withdrawn now is returned, and nothing withdrawn means nothing audited.
        let audits = try await Self.auditCount(store)
        #expect(try await store.withdrawDisclosures(ofCasesNotIn: ["P1"], audit: Self.audit("disclosure.withdraw")).isEmpty)
        #expect(try await Self.auditCount(store) == audits)
        #expect(try await store.withdrawDisclosures(ofCasesNotIn: [], audit: Self.audit("disclosure.withdraw")) == ["D1"])
        #expect(try await store.disclosures(approvedOnly: true, limit: 10).isEmpty)
        let withdrawn = try #require(try await store.disclosure(id: "D1"))
        #expect(withdrawn.state == .withdrawn)
        #expect(withdrawn.approvedBy == "epi")
        try await store.close()
    }

    struct Refused: Error {}

    @Test("a disclosure is revised in one transaction: the stored document and its state change together, a refused change stores nothing",
        arguments: Backend.available)
    func reviseDisclosure(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        _ = try await store.draftDisclosure(casePerson: "P1", make: { Self.disclosure("D1", number: $0) }, audit: Self.audit("disclosure.draft"))
        let audits = try await Self.auditCount(store)
        await #expect(throws: Refused.self) {
            try await store.reviseDisclosure(id: "D1", change: { d in d.compound = "changed"; throw Refused() }, audit: Self.audit("disclosure.edit"))
        }
        #expect(try await store.disclosure(id: "D1")?.compound != "changed")
        #expect(try await Self.auditCount(store) == audits)
        #expect(try await store.reviseDisclosure(id: "D-unknown", change: { $0.compound = "x" }, audit: Self.audit("disclosure.edit")) == nil)

        let edited = try await store.reviseDisclosure(id: "D1", change: { $0.compound = "某小区" }, audit: Self.audit("disclosure.edit"))
        #expect(edited?.compound == "某小区")
        #expect(try await store.disclosure(id: "D1")?.compound == "某小区")
        #expect(try await Self.auditCount(store) == audits + 1)
        // A rejection: the state column follows the document, so it can no longer be approved.
        _ = try await store.reviseDisclosure(
            id: "D1", change: { $0.state = .rejected; $0.rejection = .init(reason: "r", by: "epi", at: Self.t0) }, audit: Self.audit("disclosure.reject"))
        #expect(try await store.approveDisclosure(id: "D1", by: "epi", at: Self.t0, audit: Self.audit("disclosure.approve")) == false)
        #expect(try await store.disclosure(id: "D1")?.rejection?.reason == "r")
        #expect(try await store.disclosures(approvedOnly: true, limit: 10).isEmpty)
        try await store.close()
    }

    @Test("posts round-trip, newest first (ties by id), filtered by kind and limited", arguments: Backend.available)
    func posts(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let n1 = PublicPost(
            id: "N1", kind: .notice, title: .init(zh: "通告", en: "Notice"), body: .init(zh: "正文", en: "Body"), publishedAt: Self.t0, author: "command")
        let rebuttal = PublicPost(
            id: "R1", kind: .rebuttal, title: .init(zh: "谣言", en: "Rumour"), body: .init(zh: "解释", en: ""), verdict: "false",
            sources: ["https://example.org/a", "卫健委"], publishedAt: Self.t0.addingTimeInterval(60), author: "command")
        let n2 = PublicPost(
            id: "N2", kind: .notice, title: .init(zh: "二", en: "Two"), body: .init(zh: "二", en: "Two"), publishedAt: Self.t0.addingTimeInterval(120), author: "c")
        var n3 = n2
        n3.id = "N3"
        for post in [n1, rebuttal, n3, n2] { try await store.savePost(post, audit: Self.audit("post.publish")) }
        #expect(try await store.posts(kind: nil, limit: 10) == [n2, n3, rebuttal, n1])
        #expect(try await store.posts(kind: .notice, limit: 10).map(\.id) == ["N2", "N3", "N1"])
        #expect(try await store.posts(kind: .rebuttal, limit: 10) == [rebuttal])
        #expect(try await store.posts(kind: nil, limit: 1).map(\.id) == ["N2"])
        try await store.close()
    }

    @Test("saving many statuses stores each whole and reports the previous colour of those that changed", arguments: Backend.available)
    func statusesInBulk(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let t1 = Self.t0.addingTimeInterval(3600)
        // Nobody had a colour before: no change to announce.
        #expect(try await store.saveStatuses([Self.status("P", .green, at: Self.t0), Self.status("Q", .yellow, at: Self.t0), Self.status("R", .red, at: Self.t0)]).isEmpty)
        let changed = try await store.saveStatuses([
            Self.status("P", .red, at: t1), Self.status("Q", .yellow, at: t1), Self.status("R", .green, at: t1), Self.status("S", .green, at: t1),
        ])
        #expect(changed == ["P": .green, "R": .red])
        #expect(try await store.status(person: "P") == Self.status("P", .red, at: t1))
        #expect(try await store.status(person: "Q") == Self.status("Q", .yellow, at: t1))  // stored even when unchanged
        #expect(try await store.status(person: "S") == Self.status("S", .green, at: t1))
        #expect(try await store.statusHistory(person: "P").map(\.colour) == [.green, .red])
        #expect(try await store.statusHistory(person: "Q") == [Self.status("Q", .yellow, at: Self.t0)])
        #expect(try await store.saveStatuses([]).isEmpty)
        try await store.close()
    }

    @Test("health facts: recent labs, arrivals and check-ins, positive labs and the standing facts whatever their age", arguments: Backend.available)
    func healthFacts(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let since = Self.t0
        _ = try await store.insertLabResults(
            [
                LabResult(id: "L-OLD-NEG", person: "P", sampledAt: since.addingTimeInterval(-10 * Self.day), result: .negative),
                LabResult(id: "L-OLD-POS", person: "C1", sampledAt: since.addingTimeInterval(-10 * Self.day), result: .positive, lab: "CDC"),
                LabResult(id: "L-NEW-NEG", person: "P", sampledAt: since, result: .negative, test: .antigen),
            ], audit: nil)
        let arrival = Arrival(id: "A-NEW", person: "P", from: "420100", arrivedAt: since, mode: "rail", trip: "G7512")
        _ = try await store.insertArrivals([Arrival(id: "A-OLD", person: "P", from: "420100", arrivedAt: since.addingTimeInterval(-1)), arrival], audit: nil)

        // Many check-ins in one call, read back in time order (same time: as given).
        let old = CheckIn(person: "P", at: since.addingTimeInterval(-1), temperature: 36.5)
        let c1 = CheckIn(person: "P", at: since, temperature: 36.6)
        let c2 = CheckIn(person: "P", at: since.addingTimeInterval(3600), temperature: 38.2, symptoms: ["fever", "cough"], by: "PROXY")
        let c3 = CheckIn(person: "P", at: since.addingTimeInterval(3600))
        let q = CheckIn(person: "Q", at: since.addingTimeInterval(60), temperature: 37.0)
        try await store.insertCheckIns([c2, old, c3, q, c1], audit: Self.audit("checkin.import"))
        #expect(try await store.checkIns(person: "P", since: since.addingTimeInterval(-Self.day)) == [old, c1, c2, c3])
        #expect(try await store.recentAudit(subjectID: nil, limit: 1).first?.event.action == "checkin.import")

        let record = CaseRecord(person: "C1", status: .confirmed, updatedBy: "epi", updatedAt: since.addingTimeInterval(-30 * Self.day))
        try await store.saveCaseRecord(record, audit: Self.audit("case.update"))
        let exposure = ContactExposure(person: "P", caseID: "C1", category: .close, lastExposure: since.addingTimeInterval(-20 * Self.day), place: "V1")
        try await store.replaceExposures(caseID: "C1", with: [exposure], audit: nil)

        // Approved overrides still in force count; ended or undecided ones do not.
        var live: OverrideRequest?
        let overrides: [(id: String, until: Date, approve: Bool)] = [
            ("O-LIVE", since.addingTimeInterval(Self.day), true), ("O-ENDED", since.addingTimeInterval(-1), true),
            ("O-PROPOSED", since.addingTimeInterval(Self.day), false),
        ]
        for (id, until, approve) in overrides {
            let request = OverrideRequest(
                id: id, person: "P", colour: .green, legalBasis: "《传染病防治法》第三十九条", until: until, proposer: "epi",
                proposedAt: since.addingTimeInterval(-2 * Self.day))
            try await store.insertOverrideRequest(request, audit: Self.audit("override.propose"))
            guard approve else { continue }
            var approved = request
            approved.state = .approved
            approved.approver = "command"
            approved.decidedAt = since.addingTimeInterval(-Self.day)
            #expect(try await store.decideOverride(approved, notify: nil, audit: Self.audit("override.approve")))
            if id == "O-LIVE" { live = approved }
        }

        let appeal = Appeal(
            id: "A1", person: "P", factKind: "arrival", factID: "A-OLD", reason: "r", submittedBy: "P", submittedAt: since.addingTimeInterval(-9 * Self.day),
            deadline: since.addingTimeInterval(-8 * Self.day))
        try await store.insertAppeal(appeal, audit: Self.audit("appeal.submit"))
        var upheld = appeal
        upheld.state = .upheld
        upheld.decidedBy = "epi"
        upheld.decidedAt = since.addingTimeInterval(-8 * Self.day)
        let correction = FactCorrection(person: "P", factKind: "arrival", factID: "A-OLD", appealID: "A1", at: since.addingTimeInterval(-8 * Self.day))
        #expect(try await store.decideAppeal(upheld, correction: correction, notify: nil, audit: Self.audit("appeal.decide")))
        try await store.saveStatuses([Self.status("P", .yellow, at: since), Self.status("Q", .green, at: since), Self.status("C1", .red, at: since)])

        // The lists carry no order of their own: compare them sorted.
        let facts = try await store.healthFacts(since: since)
        #expect(facts.labs.map(\.id).sorted() == ["L-NEW-NEG", "L-OLD-POS"])
        #expect(facts.labs.first { $0.id == "L-OLD-POS" }?.lab == "CDC")
        #expect(facts.arrivals == [arrival])
        #expect(facts.checkIns.sorted { ($0.person, $0.at, $0.symptoms.count) < ($1.person, $1.at, $1.symptoms.count) } == [c1, c3, c2, q])
        #expect(facts.caseRecords == [record])
        #expect(facts.exposures == [exposure])
        let liveOverride = try #require(live)
        #expect(facts.overrides == [liveOverride])
        #expect(facts.corrections == [correction])
        #expect(facts.notGreen.sorted() == ["C1", "P"])
        try await store.close()
    }

    @Test("exposed people of a case, households of a compound and proxies of a dependant, in id order", arguments: Backend.available)
    func linkedPeople(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        func resident(_ id: String, _ grid: Area, _ idNumber: String, _ phone: String, household: String?, compound: String?) throws -> SealedResident {
            var r = try C.resident(id, grid: grid, idNumber: idNumber, phone: phone)
            r.householdID = household
            r.compoundID = compound
            return r
        }
        _ = try await store.insertResidents(
            [
                try resident("R1", C.gridA, "11010519491231002X", "13812345678", household: "H2", compound: "CMP-1"),
                try resident("R2", C.gridA, "330102199001011234", "13900000001", household: "H2", compound: "CMP-1"),
                try resident("R3", C.gridB, "330102198002020015", "13900000002", household: "H1", compound: "CMP-1"),
                try resident("R4", C.gridA, "330102197003030026", "13900000003", household: "H3", compound: "CMP-2"),
                try resident("R5", C.gridA, "330102200004040036", "13900000004", household: nil, compound: "CMP-1"),  // no household: not listed
            ], audit: nil)
        let households = try await store.households(compound: "CMP-1").map { "\($0.household) \($0.gridID ?? "-") \($0.gridPath)" }
        #expect(households == ["H1 G-B \(C.gridB.path)", "H2 G-A \(C.gridA.path)"])
        #expect(try await store.households(compound: "CMP-2").map(\.household) == ["H3"])
        #expect(try await store.households(compound: "CMP-none").isEmpty)

        // Adding a link twice keeps one.
        try await store.addDependant("R3", proxy: "R2", audit: nil)
        try await store.addDependant("R3", proxy: "R1", audit: Self.audit("proxy.add"))
        try await store.addDependant("R3", proxy: "R2", audit: nil)
        #expect(try await store.proxies(ofDependant: "R3") == ["R1", "R2"])
        #expect(try await store.proxies(ofDependant: "R1").isEmpty)
        #expect(try await store.dependants(ofProxy: "R2") == ["R3"])

        try await store.replaceExposures(
            caseID: "C1",
            with: [
                ContactExposure(person: "R2", caseID: "C1", category: .close, lastExposure: Self.t0),
                ContactExposure(person: "R1", caseID: "C1", category: .secondary, lastExposure: Self.t0),
                ContactExposure(person: "R9", caseID: "C1", category: .companion, lastExposure: Self.t0),
            ], audit: nil)
        try await store.replaceExposures(caseID: "C2", with: [ContactExposure(person: "R1", caseID: "C2", category: .close, lastExposure: Self.t0)], audit: nil)
        #expect(try await store.exposedPeople(caseID: "C1") == ["R1", "R2", "R9"])
        #expect(try await store.exposedPeople(caseID: "C2") == ["R1"])
        // Tracing again replaces who is exposed.
        try await store.replaceExposures(caseID: "C1", with: [ContactExposure(person: "R9", caseID: "C1", category: .close, lastExposure: Self.t0)], audit: nil)
        #expect(try await store.exposedPeople(caseID: "C1") == ["R9"])
        #expect(try await store.exposedPeople(caseID: "C-none").isEmpty)
        try await store.close()
    }

    @Test("the delivery report counts messages by kind and status; a message given up on keeps no text", arguments: Backend.available)
    func outboxCounts(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        let store = fresh.store
        #expect(try await store.outboxCounts().isEmpty)
        let messages = [
            Self.message("m1", kind: .colourChanged, person: nil), Self.message("m2", kind: .colourChanged, person: nil),
            Self.message("m3", kind: .colourChanged, person: nil), Self.message("m4", kind: .signInCode, person: nil),
        ]
        #expect(try await store.enqueueAlerts(messages, window: 0, audit: nil).count == 4)
        try await store.markSent(id: "m1", at: Self.t0.addingTimeInterval(1), audit: AuditEvent(at: Self.t0, actor: "system", action: "notify.sms"))
        try await store.markFailed(id: "m2", attempts: 8, retryAt: nil, error: "gone", audit: AuditEvent(at: Self.t0, actor: "system", action: "notify.failed"))
        // A retry still waiting is pending.
        try await store.markFailed(
            id: "m3", attempts: 1, retryAt: Self.t0.addingTimeInterval(600), error: "busy", audit: AuditEvent(at: Self.t0, actor: "system", action: "notify.retry"))
        let counts = try await store.outboxCounts().map { "\($0.kind) \($0.status.rawValue) \($0.count)" }
        #expect(counts == ["colour-changed failed 1", "colour-changed pending 1", "colour-changed sent 1", "sign-in-code pending 1"])
        // The failed one's body was erased (and the retrying one's kept): only an empty-bodied m2 is deleted here.
        try await fresh.execute("DELETE FROM outbox WHERE body = '' AND id IN ('m2', 'm3')")
        let after = try await store.outboxCounts().map { "\($0.kind) \($0.status.rawValue) \($0.count)" }
        #expect(after == ["colour-changed pending 1", "colour-changed sent 1", "sign-in-code pending 1"])
        try await store.close()
    }

    @Test("new presence comes back with its sequence numbers, exactly as a reader of the table gets it", arguments: Backend.available)
    func newPresence(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let a = PresenceEvent(id: "E1", person: "R1", place: "V1", start: Self.t0, end: Self.t0.addingTimeInterval(1800), seat: "3C", source: "rail")
        let b = PresenceEvent(id: "E2", person: "R2", place: "V2", start: Self.t0.addingTimeInterval(60), end: Self.t0.addingTimeInterval(600))
        let c = PresenceEvent(id: "E3", person: "R1", place: "V2", start: Self.t0.addingTimeInterval(120), end: Self.t0.addingTimeInterval(900), source: "venue-scan")
        let first = try await store.insertNewPresence([a, b, a], audits: [Self.audit("presence.import"), Self.audit("presence.import")])
        #expect(first.map(\.event) == [a, b])
        try #require(first.count == 2)
        #expect(first[0].sequence < first[1].sequence)
        // The timeline index takes the returned rows instead of reading them back: they must match.
        #expect(try await store.presence(after: 0, limit: 10) == first)
        #expect(try await Self.auditCount(store) == 2)

        // Only the new event is returned, numbered after the earlier ones.
        let second = try await store.insertNewPresence([b, c], audits: [])
        #expect(second.map(\.event) == [c])
        let last = try #require(first.last).sequence
        #expect(second.allSatisfy { $0.sequence > last })
        #expect(try await store.presence(after: last, limit: 10) == second)
        #expect(try await store.insertNewPresence([a, c], audits: []).isEmpty)
        #expect(try await store.insertNewPresence([], audits: []).isEmpty)
        #expect(try await store.presenceCount() == 3)
        // Two different events under one id in a batch: the first is stored, and the first is returned.
        let d1 = PresenceEvent(id: "E4", person: "R1", place: "V1", start: Self.t0, end: Self.t0.addingTimeInterval(60))
        let d2 = PresenceEvent(id: "E4", person: "R2", place: "V2", start: Self.t0, end: Self.t0.addingTimeInterval(60))
        let dup = try await store.insertNewPresence([d1, d2], audits: [])
        #expect(dup.map(\.event) == [d1])
        #expect(try await store.presence(after: try #require(second.last).sequence, limit: 10) == dup)
        try await store.close()
    }
}
