import Domain
import Foundation
import GRDB
import Privacy
import Testing
import StorageSQL
@testable import StorageSQLite
import TestSupport

/// Every repository behaviour the app relies on, run against SQLite and PostgreSQL alike.
@Suite("Store contract")
struct StoreContractTests {
    static let vault = PersonalDataVault(keyMaterial: .generate())
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static let city = Area(id: "330100", name: "杭州市", level: .city, parentID: nil, path: "/330100/")
    static let district = Area(id: "330102", name: "上城区", level: .district, parentID: "330100", path: "/330100/330102/", nameEn: "Shangcheng District")
    static let gridA = Area(id: "G-A", name: "网格A", level: .grid, parentID: "330102", geometry: #"{"type":"Polygon","coordinates":[]}"#, path: "/330100/330102/G-A/")
    static let gridB = Area(id: "G-B", name: "网格B", level: .grid, parentID: "330102", path: "/330100/330102/G-B/")

    static func seed(_ store: any CordonStore) async throws {
        _ = try await store.insertAreas([city, district, gridA, gridB], audit: nil)
    }

    static func resident(_ id: String, grid: Area, idNumber: String = "11010519491231002X", phone: String = "13812345678") throws -> SealedResident {
        try vault.seal(
            Resident(id: id, name: "张三", idNumber: idNumber, sex: .male, birthDate: CalendarDate(iso: "1949-12-31"), phone: phone, householdID: "H-\(id)",
                     areaID: grid.id, address: "西湖路1号"),
            areaPath: grid.path)
    }

    @Test("areas round-trip with their tree", arguments: Backend.available)
    func areasRoundTrip(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        let store = fresh.store
        #expect(try await store.insertAreas([Self.city, Self.district, Self.gridA, Self.gridB], audit: nil) == 4)
        #expect(try await store.area(id: "G-A") == Self.gridA)
        #expect(try await store.area(id: "330102")?.nameEn == "Shangcheng District")  // the English name, where the import gave one
        #expect(try await store.children(of: nil).map(\.id) == ["330100"])
        #expect(try await store.children(of: "330102").map(\.id) == ["G-A", "G-B"])
        let directory = try await store.areaDirectory()
        #expect(directory["G-B"] == AreaRef(path: "/330100/330102/G-B/", level: .grid))
        #expect(try await store.areaCounts(within: "/330100/330102/")[.grid] == 2)
        try await store.close()
    }

    @Test("re-inserting known ids changes nothing", arguments: Backend.available)
    func idempotentInsert(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        var renamed = Self.gridA
        renamed.name = "改名"
        #expect(try await store.insertAreas([renamed], audit: nil) == 0)
        #expect(try await store.area(id: "G-A")?.name == "网格A")
        let place = Place(id: "P1", kind: .venue, name: "超市", areaID: "G-A", latitude: 30.1, longitude: 120.2)
        #expect(try await store.insertPlaces([place, place], audit: nil) == 1)
        #expect(try await store.insertPlaces([place], audit: nil) == 0)
        #expect(try await store.place(id: "P1") == place)
        #expect(try await store.placeKinds()["P1"] == .venue)
        #expect(try await store.placeCounts(within: Self.gridA.path)[.venue] == 1)
        let r = try Self.resident("R1", grid: Self.gridA)
        #expect(try await store.insertResidents([r], audit: nil) == 1)
        #expect(try await store.insertResidents([r], audit: nil) == 0)
        #expect(try await store.residentCount(within: "/330100/") == 1)
        try await store.close()
    }

    @Test("residents round-trip sealed and are found by blind index", arguments: Backend.available)
    func residentsRoundTrip(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        let a = try Self.resident("R1", grid: Self.gridA)
        let b = try Self.resident("R2", grid: Self.gridB, idNumber: "330102199001011234", phone: "13900000001")
        _ = try await store.insertResidents([a, b], audit: nil)
        let loaded = try #require(try await store.resident(id: "R1"))
        #expect(loaded == a)
        #expect(try Self.vault.open(loaded).idNumber == "11010519491231002X")
        #expect(try await store.residents(phoneIndex: Self.vault.blindIndex("13900000001", kind: "phone")).map(\.id) == ["R2"])
        #expect(try await store.residents(idNumberIndex: Self.vault.blindIndex("11010519491231002X", kind: "id")).map(\.id) == ["R1"])
        #expect(try await store.residents(within: Self.gridB.path, after: nil, limit: 10).map(\.id) == ["R2"])
        #expect(try await store.residents(within: "/330100/", after: "R1", limit: 10).map(\.id) == ["R2"])
        // Pages of a wide area follow (area, id): every resident once, whatever the cursor's area.
        _ = try await store.insertResidents([try Self.resident("R0", grid: Self.gridB, idNumber: "330102199001015678", phone: "13900000002")], audit: nil)
        var walked: [String] = []
        var cursor: String?
        while let next = try await store.residents(within: "/330100/", after: cursor, limit: 1).first {
            walked.append(next.id)
            cursor = next.id
        }
        #expect(walked.sorted() == ["R0", "R1", "R2"])
        #expect(walked.count == 3)
        #expect(try await store.residents(ids: ["R2", "NOBODY", "R1", "R2"]) == [a, b])
        #expect(try await store.residents(ids: []).isEmpty)
        #expect(try await store.residentCount(compound: "CMP-none") == 0)
        let neighbour = try Self.vault.seal(
            Resident(id: "R7", name: "李四", idNumber: "330102199001017777", sex: .female, birthDate: nil, phone: nil, householdID: "H-R7", areaID: Self.gridA.id,
                     compoundID: "CMP-9"), areaPath: Self.gridA.path)
        _ = try await store.insertResidents([neighbour], audit: nil)
        #expect(try await store.residentCount(compound: "CMP-9") == 1)
        #expect(try await store.household(id: "H-R1")?.areaPath == Self.gridA.path)
        #expect(try await store.householdMembers(householdID: "H-R2").map(\.id) == ["R2"])
        try await store.addDependant("R2", proxy: "R1", audit: nil)
        #expect(try await store.dependants(ofProxy: "R1") == ["R2"])
        try await store.close()
    }

    @Test("sign-in attempts: admitted up to each rule's limit in its window, then refused until the oldest leaves it", arguments: Backend.available)
    func signInAttempts(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let rules = [ThrottleRule(key: "phone-A", kind: "guess-day", limit: 2, window: 3_600), ThrottleRule(key: "client-1", kind: "guess-client", limit: 5, window: 60)]
        #expect(try await store.admitSignInAttempt(at: Self.now, rules: rules) == nil)
        #expect(try await store.admitSignInAttempt(at: Self.now.addingTimeInterval(10), rules: rules) == nil)
        // The phone's limit is used up: refused until the first attempt is an hour old; nothing recorded.
        #expect(try await store.admitSignInAttempt(at: Self.now.addingTimeInterval(20), rules: rules) == Self.now.addingTimeInterval(3_600))
        // Another phone from the same client still may (the client has 3 of 5 left in its minute).
        let other = [ThrottleRule(key: "phone-B", kind: "guess-day", limit: 2, window: 3_600), rules[1]]
        #expect(try await store.admitSignInAttempt(at: Self.now.addingTimeInterval(30), rules: other) == nil)
        #expect(try await store.admitSignInAttempt(at: Self.now.addingTimeInterval(3_601), rules: rules) == nil)
        #expect(try await store.purgeSignInAttempts(before: Self.now.addingTimeInterval(3_600)) == 6)
        // Staff passwords: only failures count; checking records nothing.
        let password = [ThrottleRule(key: "acct-x", kind: "password-account", limit: 2, window: 900)]
        #expect(try await store.signInBlocked(at: Self.now, rules: password) == nil)
        #expect(try await store.signInBlocked(at: Self.now, rules: password) == nil)
        try await store.recordSignInFailure(at: Self.now, rules: password)
        try await store.recordSignInFailure(at: Self.now.addingTimeInterval(5), rules: password)
        #expect(try await store.signInBlocked(at: Self.now.addingTimeInterval(10), rules: password) == Self.now.addingTimeInterval(900))
        #expect(try await store.signInBlocked(at: Self.now.addingTimeInterval(906), rules: password) == nil)
        try await store.close()
    }

    @Test("the raw database holds no plaintext identity number or phone", arguments: Backend.available)
    func encryptedAtRest(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        try await Self.seed(fresh.store)
        _ = try await fresh.store.insertResidents([try Self.resident("R1", grid: Self.gridA, idNumber: "330102199001011234", phone: "13912345678")], audit: nil)
        switch backend {
        case .sqlite:
            try await fresh.store.close()
            var bytes = Data()
            for suffix in ["", "-wal"] {
                if let d = FileManager.default.contents(atPath: try #require(fresh.sqlitePath) + suffix) { bytes.append(d) }
            }
            #expect(bytes.count > 0)
            #expect(bytes.range(of: Data("330102199001011234".utf8)) == nil)
            #expect(bytes.range(of: Data("13912345678".utf8)) == nil)
            #expect(bytes.range(of: Data("西湖路1号".utf8)) == nil)
            #expect(bytes.range(of: Data("张三".utf8)) != nil)  // the check can find text that is there
        case .postgres:
            let rows = try await fresh.postgresExecute("SELECT r::text FROM residents r")
            #expect(rows.count == 1)
            #expect(!rows[0].contains("330102199001011234"))
            #expect(!rows[0].contains("13912345678"))
            #expect(rows[0].contains("**************1234"))
            try await fresh.store.close()
        }
    }

    @Test("help requests: created with their task, found by id, link and sender; answered once, which closes the task", arguments: Backend.available)
    func helpRequests(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        let follow = SecretToken.hash("follow-secret")
        let r = HelpRequest(
            id: "REQ-1", kind: .help, category: .medicine, text: "降压药", compoundID: "CP-1", address: "3幢201", gridID: "G-A", gridPath: Self.gridA.path,
            senderResident: "R1", senderPhoneIndex: Data([1, 2]), senderPhoneMasked: "138****0001", followHash: follow, createdAt: Self.now)
        let task = GridTask(
            id: "T-HELP", kind: .helpRequest, factKey: "help-request:REQ-1", gridID: "G-A", gridPath: Self.gridA.path, note: "REQ-1 · help · medicine",
            createdAt: Self.now, createdBy: "system:help", dueAt: Self.now + 3_600)
        try await store.createHelpRequest(r, task: task, audit: AuditEvent(at: Self.now, actor: "resident:R1", action: "help-request.create", subjectKind: "help-request", subjectID: "REQ-1"))
        #expect(try await store.helpRequest(id: "REQ-1") == r)
        #expect(try await store.helpRequest(followHash: follow) == r)
        #expect(try await store.helpRequest(followHash: SecretToken.hash("other")) == nil)
        #expect(try await store.helpRequests(senderResident: "R1", limit: 5).map(\.id) == ["REQ-1"])
        let event = AuditEvent(at: Self.now + 60, actor: "staff:acct-grid", action: "help-request.answer", subjectKind: "help-request", subjectID: "REQ-1")
        #expect(try await store.answerHelpRequest(id: "REQ-1", answer: "送到了", by: "staff:acct-grid", at: Self.now + 60, audit: event))
        #expect(try await !store.answerHelpRequest(id: "REQ-1", answer: "again", by: "staff:acct-grid", at: Self.now + 61, audit: event))
        let answered = try await store.helpRequest(id: "REQ-1")
        #expect(answered?.state == .answered && answered?.answer == "送到了" && answered?.answeredAt == Self.now + 60 && answered?.answeredBy == "staff:acct-grid")
        let closed = try await store.task(id: "T-HELP")
        #expect(closed?.state == .done && closed?.updatedBy == "staff:acct-grid")
        try await store.close()
    }

    @Test("proxy requests: created with their task, pending until decided once; confirming links the two; a link is removed once", arguments: Backend.available)
    func proxyRequests(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        _ = try await store.insertResidents([try Self.resident("P1", grid: Self.gridA, phone: "13700000001"), try Self.resident("D1", grid: Self.gridB, idNumber: "110105194912310029", phone: "13700000002")], audit: nil)
        let event = AuditEvent(at: Self.now, actor: "resident:P1", action: "proxy.request", subjectKind: "person", subjectID: "D1")
        let task = GridTask(
            id: "T-PX", kind: .confirmProxy, factKey: "confirm-proxy:PXR-1", gridID: "G-B", gridPath: Self.gridB.path, person: "D1", note: "PXR-1 · parent",
            createdAt: Self.now, createdBy: "system:proxy", dueAt: Self.now + 86_400)
        try await store.createProxyRequest(ProxyRequest(id: "PXR-1", proxy: "P1", dependant: "D1", relation: .parent, createdAt: Self.now), task: task, audit: event)
        try await store.createProxyRequest(ProxyRequest(id: "PXR-2", proxy: "P1", dependant: "D1", relation: .child, createdAt: Self.now + 1), task: nil, audit: event)
        #expect(try await store.pendingProxyRequests(dependant: "D1").map(\.id) == ["PXR-1", "PXR-2"])
        #expect(try await store.task(id: "T-PX")?.kind == .confirmProxy)
        #expect(try await store.proxyRequest(id: "PXR-1")?.relation == .parent)
        let decide = AuditEvent(at: Self.now + 2, actor: "staff:acct-grid", action: "proxy.link", subjectKind: "person", subjectID: "D1")
        let confirmed = try await store.decideProxyRequest(id: "PXR-1", confirm: true, by: "staff:acct-grid", at: Self.now + 2, audit: decide)
        #expect(confirmed?.state == .confirmed && confirmed?.decidedBy == "staff:acct-grid" && confirmed?.decidedAt == Self.now + 2)
        #expect(try await store.decideProxyRequest(id: "PXR-1", confirm: false, by: "x", at: Self.now + 3, audit: decide) == nil)
        #expect(try await store.decideProxyRequest(id: "PXR-2", confirm: false, by: "staff:acct-grid", at: Self.now + 3, audit: decide)?.state == .rejected)
        #expect(try await store.pendingProxyRequests(dependant: "D1").isEmpty)
        #expect(try await store.dependants(ofProxy: "P1") == ["D1"])
        let unlink = AuditEvent(at: Self.now + 4, actor: "resident:P1", action: "proxy.unlink", subjectKind: "person", subjectID: "D1")
        #expect(try await store.removeDependant("D1", proxy: "P1", audit: unlink))
        #expect(try await !store.removeDependant("D1", proxy: "P1", audit: unlink))
        #expect(try await store.dependants(ofProxy: "P1").isEmpty)
        try await store.close()
    }

    @Test("the daily arrivals list: the day's feed arrivals of people in the area, newest first, with colour, verification and declaration; counted by region", arguments: Backend.available)
    func arrivalsList(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        let now = Self.now
        _ = try await store.insertResidents(
            [try Self.resident("R1", grid: Self.gridA), try Self.resident("R2", grid: Self.gridA, idNumber: "330102199001011234"), try Self.resident("R3", grid: Self.gridB, idNumber: "11010519491231003X")],
            audit: nil)
        _ = try await store.insertArrivals(
            [
                Arrival(id: "A1", person: "R1", from: "420100", arrivedAt: now - 3_600, mode: "rail"),
                Arrival(id: "A2", person: "R2", from: "310000", arrivedAt: now - 7_200),
                Arrival(id: "A3", person: "R3", from: "420100", arrivedAt: now - 600, mode: "air"),  // another grid
                Arrival(id: "A4", person: "R1", from: "420100", arrivedAt: now - 2 * 86_400, mode: "rail"),  // another day
                Arrival(id: "A5", person: "R2", from: "420100", arrivedAt: now - 60, mode: "declared"),  // a declaration, not the feed
            ], audit: nil)
        _ = try await store.saveStatus(HealthStatus(person: "R1", colour: .yellow, reasons: [], until: nil, actions: [], profileVersion: 1, computedAt: now))
        _ = try await store.insertTasks(
            [GridTask(id: "T-A1", kind: .verifyArrival, factKey: "verify-arrival:A1", gridID: "G-A", gridPath: Self.gridA.path, person: "R1", note: "A1 · 420100", createdAt: now, createdBy: "system", dueAt: now + 86_400)],
            audit: nil)
        try await store.register(
            Registration(id: "REG-A2", person: "R2", kind: .existing, createdAt: now, fromRegion: "310000", conflict: "arrival|440300|2023-11-13"), resident: nil, tasks: [],
            audit: AuditEvent(at: now, actor: "resident:R2", action: "registration.declare", subjectKind: "person", subjectID: "R2"))
        let day = ArrivalFilter(from: now - 86_400, to: now + 1)
        let list = try await store.arrivals(within: AreaPath(Self.gridA.path), filter: day, page: PageRequest(offset: 0, limit: 1))
        #expect(list.total == 2 && list.items.map(\.arrival.id) == ["A1"])
        let first = try #require(list.items.first)
        #expect(first.name == "张三" && first.areaID == "G-A" && first.colour == "yellow" && first.verification == .open && first.declarationContradicted == nil)
        let second = try #require(try await store.arrivals(within: AreaPath(Self.gridA.path), filter: day, page: PageRequest(offset: 1, limit: 1)).items.first)
        #expect(second.arrival.id == "A2" && second.colour == nil && second.verification == nil && second.declarationContradicted == true)
        let city = AreaPath("/330100/")
        #expect(try await store.arrivals(within: city, filter: ArrivalFilter(from: day.from, to: day.to, region: "420100"), page: PageRequest()).items.map(\.arrival.id) == ["A3", "A1"])
        #expect(try await store.arrivalCounts(within: city, filter: day) == [RegionCount(region: "420100", count: 2), RegionCount(region: "310000", count: 1)])
        try await store.close()
    }

    @Test("a self-declared record merges into the register's with the same identity number: facts, sessions, links and tasks move; the verify task closes; once only", arguments: Backend.available)
    func selfDeclaredMerge(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        let now = Self.now
        let declared = try Self.resident("SD-2", grid: Self.gridA, idNumber: "11010519491231002X", phone: "13700000002")
        let task = GridTask(
            id: "T-REG-2", kind: .verifyRegistration, factKey: "verify-registration:SD-2:1", gridID: "G-A", gridPath: Self.gridA.path, person: "SD-2", note: "new",
            createdAt: now, createdBy: "system:registration", dueAt: now + 86_400)
        try await store.register(
            Registration(id: "REG-9", person: "SD-2", kind: .new, createdAt: now, fromRegion: "420100"), resident: declared, tasks: [task],
            audit: AuditEvent(at: now, actor: "resident:SD-2", action: "registration.new", subjectKind: "person", subjectID: "SD-2"))
        _ = try await store.insertArrivals([Arrival(id: "A-SD", person: "SD-2", from: "420100", arrivedAt: now - 3_600, mode: "declared")], audit: nil)
        try await store.createSession(Session(tokenHash: Data([9, 9]), subject: .resident(residentID: "SD-2"), createdAt: now, expiresAt: now + 3_600), audit: nil)
        try await store.addDependant("SD-2", proxy: "R-OTHER", audit: nil)
        try await store.saveFollowUp(
            FollowUp(id: "F-SD", person: "SD-2", day: CalendarDate(iso: "2023-11-14")!, outcome: .well, by: "staff:x", at: now),
            audit: AuditEvent(at: now, actor: "staff:x", action: "followup", subjectKind: "person", subjectID: "SD-2"))
        // Both were traced as contacts of the same case: the register's exposure stays, the other goes.
        let register = try Self.resident("R-9", grid: Self.gridB, idNumber: "11010519491231002X", phone: "13700000002")
        var withoutPhone = register
        (withoutPhone.phoneIndex, withoutPhone.phoneMasked) = (nil, nil)
        _ = try await store.insertResidents([withoutPhone], audit: nil)
        try await store.replaceExposures(
            caseID: "C-1", with: [ContactExposure(person: "SD-2", caseID: "C-1", category: .close, lastExposure: now), ContactExposure(person: "R-9", caseID: "C-1", category: .household, lastExposure: now)],
            audit: nil)
        #expect(try await store.selfDeclaredIdentities().map(\.person) == ["SD-2"])
        let audit = AuditEvent(at: now + 5, actor: "cli:ops", action: "registration.merge", subjectKind: "person", subjectID: "R-9")
        // Not the same identity number: nothing happens.
        #expect(try await store.mergeSelfDeclared("SD-2", into: "R-OTHER", replacing: nil, confirmedBy: "feed:residents", at: now + 5, audit: audit) == false)
        #expect(try await store.mergeSelfDeclared("SD-2", into: "R-9", replacing: register, confirmedBy: "feed:residents", at: now + 5, audit: audit))

        #expect(try await store.resident(id: "SD-2") == nil)
        let merged = try await store.resident(id: "R-9")
        #expect(merged?.phoneMasked == register.phoneMasked && merged?.areaID == "G-B")
        #expect(try await store.arrivals(person: "R-9").map(\.id) == ["A-SD"])
        #expect(try await store.session(tokenHash: Data([9, 9]))?.subject == .resident(residentID: "R-9"))
        #expect(try await store.dependants(ofProxy: "R-OTHER") == ["R-9"])
        #expect(try await store.followUps(person: "R-9").map(\.person) == ["R-9"])
        #expect(try await store.exposures(person: "R-9").map(\.category) == [.household])
        #expect(try await store.exposures(person: "SD-2").isEmpty)
        let moved = try #require(try await store.task(id: "T-REG-2"))
        #expect(moved.person == "R-9" && moved.state == .done && moved.updatedBy == "feed:residents")
        let registration = try #require(try await store.registrations(person: "R-9").first)
        #expect(registration.mergedFrom == "SD-2" && registration.confirmedBy == "feed:residents" && registration.confirmedAt == now + 5)
        #expect(try await store.mergedInto("SD-2") == "R-9")
        #expect(try await store.mergedInto("R-9") == nil)
        #expect(try await store.selfDeclaredIdentities().isEmpty)
        #expect(try await store.recentAudit(subjectID: "R-9", limit: 5).map(\.event.action) == ["registration.merge"])
        // Once only: the self-declared record is gone.
        #expect(try await store.mergeSelfDeclared("SD-2", into: "R-9", replacing: nil, confirmedBy: "feed:residents", at: now + 6, audit: audit) == false)
        try await store.close()
    }

    @Test("registrations: the resident, the registration and its tasks in one transaction; confirmed once; the audit log filtered, paged and counted", arguments: Backend.available)
    func registrationsAndAuditPages(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        let now = Self.now
        let resident = try Self.resident("SD-1", grid: Self.gridA, idNumber: "11010519491231002X", phone: "13700000001")
        let registration = Registration(id: "REG-1", person: "SD-1", kind: .new, createdAt: now, fromRegion: "420100", arrivedOn: CalendarDate(iso: "2023-11-13"), symptoms: ["cough", "fever"])
        let task = GridTask(
            id: "T-REG-1", kind: .verifyRegistration, factKey: "verify-registration:SD-1", gridID: "G-A", gridPath: Self.gridA.path, person: "SD-1", note: "new",
            createdAt: now, createdBy: "system:registration", dueAt: now + 86_400)
        try await store.register(registration, resident: resident, tasks: [task], audit: AuditEvent(at: now, actor: "resident:SD-1", action: "registration.new", subjectKind: "person", subjectID: "SD-1"))
        #expect(try await store.resident(id: "SD-1")?.areaID == "G-A")
        #expect(try await store.registrations(person: "SD-1") == [registration])
        #expect(try await store.task(id: "T-REG-1")?.kind == .verifyRegistration)
        // The same resident id again stores nothing at all: no second registration, no audit line.
        let again = Registration(id: "REG-2", person: "SD-1", kind: .new, createdAt: now + 1)
        await #expect(throws: StoreError.duplicate(kind: "resident", key: "SD-1")) {
            try await store.register(again, resident: resident, tasks: [], audit: AuditEvent(at: now + 1, actor: "x", action: "registration.new", subjectKind: "person", subjectID: "SD-1"))
        }
        #expect(try await store.registrations(person: "SD-1").count == 1)
        // A registration for a person already there (no resident row).
        try await store.register(
            Registration(id: "REG-3", person: "SD-1", kind: .existing, createdAt: now + 2, conflict: "arrival from 420100"), resident: nil, tasks: [],
            audit: AuditEvent(at: now + 2, actor: "resident:SD-1", action: "registration.declare", subjectKind: "person", subjectID: "SD-1"))
        #expect(try await store.registrations(person: "SD-1").map(\.id) == ["REG-3", "REG-1"])
        // Declarations since a time, oldest first; a feed's contradiction recorded once, with its task.
        #expect(try await store.registrations(since: now + 1).map(\.id) == ["REG-3"])
        #expect(try await store.registrations(since: now).map(\.id) == ["REG-1", "REG-3"])
        var conflictTask = task
        (conflictTask.id, conflictTask.kind, conflictTask.factKey) = ("T-CONFLICT-1", .declarationConflict, "declaration-conflict:SD-1:REG-1")
        let conflictAudit = AuditEvent(at: now + 2, actor: "cli:ops", action: "registration.conflict", subjectKind: "person", subjectID: "SD-1")
        #expect(try await store.recordConflict(registrationID: "REG-1", conflict: "lab|2023-11-10|2023-11-13|市一医院", task: conflictTask, audit: conflictAudit))
        #expect(try await store.recordConflict(registrationID: "REG-1", conflict: "presence|2023-11-11|2023-11-13|P1", task: conflictTask, audit: conflictAudit) == false)
        #expect(try await store.registrations(person: "SD-1").last?.conflict == "lab|2023-11-10|2023-11-13|市一医院")
        #expect(try await store.task(id: "T-CONFLICT-1")?.kind == .declarationConflict)
        // A claim from another phone: not confirmed with the person's registrations, decided once on its own.
        let claimPhone = Self.vault.blindIndex("13700000009", kind: "phone")
        let claim = Registration(id: "REG-C", person: "SD-1", kind: .claim, createdAt: now + 2.5, phoneIndex: claimPhone, phoneMasked: "137****0009")
        var claimTask = task
        (claimTask.id, claimTask.factKey, claimTask.note) = ("T-CLAIM", "verify-registration:SD-1:REG-C", "claim · 137****0009")
        try await store.register(claim, resident: nil, tasks: [claimTask], audit: AuditEvent(at: now + 2.5, actor: "anonymous", action: "registration.claim", subjectKind: "person", subjectID: "SD-1"))
        #expect(try await store.registrations(person: "SD-1").first == claim)
        #expect(try await store.confirmRegistrations(person: "SD-1", by: "staff:acct-grid", at: now + 3, audit: AuditEvent(at: now + 3, actor: "staff:acct-grid", action: "registration.confirm", subjectKind: "person", subjectID: "SD-1")) == 2)
        #expect(try await store.registrations(person: "SD-1").first { $0.id == "REG-C" }?.isPending == true)
        var relinked = try Self.vault.open(resident)
        relinked.phone = "13700000009"
        let claimAudit = AuditEvent(at: now + 4, actor: "staff:acct-grid", action: "registration.claim-linked", subjectKind: "person", subjectID: "SD-1")
        #expect(try await store.decideClaim(registrationID: "REG-C", decision: .linked, replacing: try Self.vault.seal(relinked, areaPath: Self.gridA.path), taskKey: "verify-registration:SD-1:REG-C", by: "staff:acct-grid", at: now + 4, audit: claimAudit))
        #expect(try await store.decideClaim(registrationID: "REG-C", decision: .rejected, replacing: nil, taskKey: "verify-registration:SD-1:REG-C", by: "staff:acct-grid", at: now + 5, audit: claimAudit) == false)
        #expect(try await store.residents(phoneIndex: claimPhone).map(\.id) == ["SD-1"])
        #expect(try await store.task(id: "T-CLAIM")?.state == .done)
        let decided = try #require(try await store.registrations(person: "SD-1").first { $0.id == "REG-C" })
        #expect(decided.decision == .linked && decided.confirmedAt == now + 4 && decided.confirmedBy == "staff:acct-grid")
        #expect(try await store.confirmRegistrations(person: "SD-1", by: "staff:acct-grid", at: now + 4, audit: AuditEvent(at: now + 4, actor: "staff:acct-grid", action: "registration.confirm", subjectKind: "person", subjectID: "SD-1")) == 0)
        #expect(try await store.registrations(person: "SD-1").filter { $0.kind != .claim }.allSatisfy { $0.confirmedBy == "staff:acct-grid" && $0.confirmedAt == now + 3 })

        // The audit viewer: by subject, by actor, by action family, by time; newest first; counted.
        for i in 0..<5 {
            try await store.appendAudit(AuditEvent(at: now + 10 + Double(i), actor: "staff:acct-li", action: "person.read", subjectKind: "person", subjectID: "R\(i % 2)"))
        }
        #expect(
            try await store.auditPage(AuditFilter(subjectID: "SD-1"), page: PageRequest()).items.map(\.event.action) == [
                "registration.claim-linked", "registration.confirm", "registration.claim", "registration.conflict", "registration.declare", "registration.new",
            ])
        let reads = try await store.auditPage(AuditFilter(actor: "staff:acct-li", actionPrefix: "person."), page: PageRequest(offset: 0, limit: 2))
        #expect(reads.total == 5 && reads.items.count == 2 && reads.items[0].event.at == now + 14)
        #expect(try await store.auditPage(AuditFilter(subjectID: "R0", from: now + 11, to: now + 14), page: PageRequest()).total == 1)
        #expect(try await store.auditPage(AuditFilter(actionPrefix: "%"), page: PageRequest()).total == 0)
        try await store.close()
    }

    @Test("staff administration: a page of accounts within an area, changes, password resets that sign out, token expiry and last use", arguments: Backend.available)
    func staffAdministration(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        let grid = StaffAccount(
            id: "acct-wang", username: "wang", displayName: "王网格", role: .gridWorker, jurisdictionID: "G-A", jurisdictionPath: Self.gridA.path,
            passwordHash: "$2b$04$x", createdAt: Self.now, mustChangePassword: true, workPhone: "13800001111")
        let officer = StaffAccount(
            id: "acct-li", username: "li", displayName: "李书记", role: .districtOfficer, jurisdictionID: "330102", jurisdictionPath: Self.district.path,
            passwordHash: "$2b$04$y", createdAt: Self.now)
        let elsewhere = StaffAccount(
            id: "acct-zhao", username: "zhao", displayName: "赵网格", role: .gridWorker, jurisdictionID: "G-B", jurisdictionPath: "/OTHER/G-B/",
            passwordHash: nil, createdAt: Self.now)
        for a in [grid, officer, elsewhere] { try await store.createAccount(a, audit: nil) }
        #expect(try await store.account(username: "wang") == grid)

        // Within the district, ordered by area then user name, counted in the store; a search by either name.
        let page = try await store.accountPage(within: AreaPath(Self.district.path), matching: nil, page: PageRequest(offset: 0, limit: 1))
        #expect(page.total == 2 && page.items.map(\.username) == ["li"] && page.hasNext)
        #expect(try await store.accountPage(within: AreaPath(Self.district.path), matching: "网格", page: PageRequest()).items.map(\.username) == ["wang"])
        #expect(try await store.accountPage(within: AreaPath(Self.district.path), matching: "WA", page: PageRequest()).items.map(\.username) == ["wang"])
        #expect(try await store.accountPage(within: AreaPath(Self.district.path), matching: "%", page: PageRequest()).total == 0)

        // A change is written with its audit line; disabling ends the account's sessions.
        let session = Session(tokenHash: SecretToken.hash("wang-cookie"), subject: .staff(accountID: grid.id), createdAt: Self.now, expiresAt: Self.now + 3_600)
        try await store.createSession(session, audit: nil)
        var changed = grid
        changed.displayName = "王小网"
        changed.workPhone = nil
        try await store.updateAccount(changed, audit: AuditEvent(at: Self.now, actor: "staff:acct-li", action: "account.update", subjectKind: "account", subjectID: grid.id))
        #expect(try await store.account(id: grid.id) == changed)
        #expect(try await store.session(tokenHash: session.tokenHash) == session)
        changed.disabled = true
        try await store.updateAccount(changed, audit: nil)
        #expect(try await store.account(id: grid.id)?.disabled == true)
        #expect(try await store.session(tokenHash: session.tokenHash) == nil)
        #expect(try await store.recentAudit(subjectID: grid.id, limit: 5).map(\.event.action) == ["account.update"])
        var ghost = changed
        ghost.id = "acct-none"
        await #expect(throws: StoreError.notFound(kind: "account", id: "acct-none")) { try await store.updateAccount(ghost, audit: nil) }

        // A reset sets a one-time password and signs out; choosing one's own keeps the session.
        let officerSession = Session(tokenHash: SecretToken.hash("li-cookie"), subject: .staff(accountID: officer.id), createdAt: Self.now, expiresAt: Self.now + 3_600)
        try await store.createSession(officerSession, audit: nil)
        try await store.setPassword(accountID: officer.id, hash: "$2b$04$z", mustChange: true, endSessions: true, audit: nil)
        #expect(try await store.account(id: officer.id)?.passwordHash == "$2b$04$z")
        #expect(try await store.account(id: officer.id)?.mustChangePassword == true)
        #expect(try await store.session(tokenHash: officerSession.tokenHash) == nil)
        try await store.createSession(officerSession, audit: nil)
        try await store.setPassword(accountID: officer.id, hash: "$2b$04$w", mustChange: false, endSessions: false, audit: nil)
        #expect(try await store.account(id: officer.id)?.mustChangePassword == false)
        #expect(try await store.session(tokenHash: officerSession.tokenHash) == officerSession)
        await #expect(throws: StoreError.notFound(kind: "account", id: "acct-none")) {
            try await store.setPassword(accountID: "acct-none", hash: "x", mustChange: false, endSessions: false, audit: nil)
        }

        // Tokens keep their expiry and last use; one is revoked by its hash, once, and only by its account.
        let hash = SecretToken.hash("li-token")
        try await store.createToken(
            APIToken(tokenHash: hash, accountID: officer.id, label: "ops", createdAt: Self.now, scopes: ["read"], expiresAt: Self.now + 86_400), audit: nil)
        #expect(try await store.tokenAccount(tokenHash: hash)?.token.expiresAt == Self.now + 86_400)
        #expect(try await store.tokenAccount(tokenHash: hash)?.token.lastUsedAt == nil)
        try await store.tokenUsed(tokenHash: hash, at: Self.now + 60)
        #expect(try await store.tokens(accountID: officer.id).first?.lastUsedAt == Self.now + 60)
        #expect(try await !store.revokeToken(accountID: grid.id, tokenHash: hash, audit: nil))
        #expect(try await store.revokeToken(accountID: officer.id, tokenHash: hash, audit: nil))
        #expect(try await !store.revokeToken(accountID: officer.id, tokenHash: hash, audit: nil))
        #expect(try await store.tokenAccount(tokenHash: hash) == nil)
        try await store.close()
    }

    @Test("accounts, tokens, sessions and sign-in codes", arguments: Backend.available)
    func accounts(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await Self.seed(store)
        let account = StaffAccount(
            id: "acct-grid", username: "grid", displayName: "网格员", role: .gridWorker, jurisdictionID: "G-A", jurisdictionPath: Self.gridA.path,
            passwordHash: "$2b$04$x", createdAt: Self.now)
        try await store.createAccount(account, audit: nil)
        await #expect(throws: StoreError.duplicate(kind: "account", key: "grid")) { try await store.createAccount(account, audit: nil) }
        #expect(try await store.account(username: "grid") == account)
        #expect(try await store.accounts().count == 1)
        #expect(try await store.activeAccounts(role: .gridWorker) == [account])
        #expect(try await store.activeAccounts(role: .commandCentre).isEmpty)
        let tokenHash = SecretToken.hash("secret")
        try await store.createToken(APIToken(tokenHash: tokenHash, accountID: account.id, label: "t", createdAt: Self.now), audit: nil)
        #expect(try await store.account(tokenHash: tokenHash)?.id == account.id)
        #expect(try await store.account(tokenHash: SecretToken.hash("other")) == nil)
        // Scoped tokens: their import kinds come back with the account; revoking by label stops them.
        let feedHash = SecretToken.hash("feed-secret")
        try await store.createToken(APIToken(tokenHash: feedHash, accountID: account.id, label: "labs-feed", createdAt: Self.now + 1, scopes: ["labs", "presence"]), audit: nil)
        #expect(try await store.tokenAccount(tokenHash: feedHash)?.token.scopes == ["labs", "presence"])
        #expect(try await store.tokenAccount(tokenHash: tokenHash)?.token.scopes == nil)
        #expect(try await store.tokens(accountID: account.id).map(\.label) == ["labs-feed", "t"])
        #expect(try await store.revokeTokens(accountID: account.id, label: "labs-feed", audit: nil) == 1)
        #expect(try await store.revokeTokens(accountID: account.id, label: "labs-feed", audit: nil) == 0)
        #expect(try await store.tokenAccount(tokenHash: feedHash) == nil)
        #expect(try await store.tokens(accountID: account.id).first?.revoked == true)
        // A token limited to an area keeps its path.
        let areaHash = SecretToken.hash("area-secret")
        try await store.createToken(APIToken(tokenHash: areaHash, accountID: account.id, label: "area", createdAt: Self.now + 2, areaPath: Self.gridA.path), audit: nil)
        #expect(try await store.tokenAccount(tokenHash: areaHash)?.token.areaPath == Self.gridA.path)

        // The second factor: enrolled once (a second enrolment is refused), each step used once, reset.
        #expect(try await store.enrolSecondFactor(accountID: account.id, sealed: Data([1, 2]), step: 10, audit: nil))
        #expect(try await !store.enrolSecondFactor(accountID: account.id, sealed: Data([3]), step: 11, audit: nil))
        #expect(try await store.account(id: account.id)?.secondFactorSealed == Data([1, 2]))
        #expect(try await !store.useSecondFactorStep(accountID: account.id, step: 10))
        #expect(try await store.useSecondFactorStep(accountID: account.id, step: 11))
        #expect(try await !store.useSecondFactorStep(accountID: account.id, step: 11))
        #expect(try await !store.useSecondFactorStep(accountID: account.id, step: 9))
        try await store.resetSecondFactor(accountID: account.id, audit: nil)
        #expect(try await store.account(id: account.id)?.secondFactorSealed == nil)
        #expect(try await store.enrolSecondFactor(accountID: account.id, sealed: Data([4]), step: 1, audit: nil))

        let session = Session(tokenHash: SecretToken.hash("cookie"), subject: .resident(residentID: "R1"), createdAt: Self.now, expiresAt: Self.now + 60)
        try await store.createSession(session, audit: nil)
        #expect(try await store.session(tokenHash: session.tokenHash) == session)
        try await store.deleteSession(tokenHash: session.tokenHash, audit: nil)
        #expect(try await store.session(tokenHash: session.tokenHash) == nil)
        // Expired sessions are forgotten when someone signs in later.
        let old = Session(tokenHash: SecretToken.hash("old"), subject: .staff(accountID: "acct-grid"), createdAt: Self.now, expiresAt: Self.now + 60)
        try await store.createSession(old, audit: nil)
        let later = Session(tokenHash: SecretToken.hash("later"), subject: .staff(accountID: "acct-grid"), createdAt: Self.now + 120, expiresAt: Self.now + 600)
        try await store.createSession(later, audit: nil)
        #expect(try await store.session(tokenHash: old.tokenHash) == nil)
        #expect(try await store.session(tokenHash: later.tokenHash) == later)

        let phoneIndex = Data([1, 2, 3])
        let message = OutboxMessage(id: "m1", createdAt: Self.now, channel: .sms, recipientSealed: Data([9]), recipientMasked: "138****5678", kind: .signInCode, body: "code 123456")
        let code = OneTimeCode(phoneIndex: phoneIndex, codeHash: Data([7]), residentID: "R1", issuedAt: Self.now, expiresAt: Self.now + 300, attemptsLeft: 2)
        #expect(try await store.issueOneTimeCode(code, message: message, throttleBefore: Self.now - 60))
        #expect(try await store.pendingMessages(limit: 10).map(\.id) == ["m1"])
        // A second request within the minute sends nothing and keeps the first code.
        var again = message
        again.id = "m2"
        var second = code
        second.codeHash = Data([6])
        #expect(try await store.issueOneTimeCode(second, message: again, throttleBefore: Self.now + 30 - 60) == false)
        #expect(try await store.pendingMessages(limit: 10).map(\.id) == ["m1"])
        #expect(try await store.redeemOneTimeCode(phoneIndex: phoneIndex, codeHash: Data([8]), now: Self.now) == .wrongCode(attemptsLeft: 1))
        #expect(try await store.redeemOneTimeCode(phoneIndex: phoneIndex, codeHash: Data([7]), now: Self.now) == .accepted(residentID: "R1"))
        #expect(try await store.redeemOneTimeCode(phoneIndex: phoneIndex, codeHash: Data([7]), now: Self.now) == .expiredOrUnknown)
        try await store.markSent(id: "m1", at: Self.now, audit: AuditEvent(at: Self.now, actor: "system", action: "notify.sms"))
        #expect(try await store.pendingMessages(limit: 10).isEmpty)
        try await store.close()
    }

    @Test("two senders claiming the outbox at once never get the same message; a claim nobody settled is due again after its lease",
        arguments: Backend.available)
    func outboxClaims(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let messages = (0..<20).map { i in
            OutboxMessage(
                id: String(format: "m%02d", i), createdAt: Self.now + Double(i), channel: .sms, recipientSealed: Data([9]), recipientMasked: "x",
                kind: .areaBulletin, body: "b\(i)")
        }
        #expect(try await store.enqueueAlerts(messages, window: 0, audit: nil).count == 20)
        let at = Self.now + 60
        async let first = store.claimDueMessages(at: at, limit: 15, lease: 300)
        async let second = store.claimDueMessages(at: at, limit: 15, lease: 300)
        let (a, b) = try await (first, second)
        #expect(Set(a.map(\.id)).isDisjoint(with: b.map(\.id)))
        #expect(Set(a.map(\.id) + b.map(\.id)) == Set(messages.map(\.id)))
        #expect(a.map(\.id) == a.map(\.id).sorted() && b.map(\.id) == b.map(\.id).sorted())
        // Held: nobody else gets them while the claim runs.
        #expect(try await store.claimDueMessages(at: at + 299, limit: 50, lease: 300).isEmpty)
        // One is sent and one failed for good; the other 18 were never settled (their sender died).
        try await store.markSent(id: "m00", at: at + 1, audit: AuditEvent(at: at + 1, actor: "system", action: "notify.sms"))
        try await store.markFailed(id: "m01", attempts: 8, retryAt: nil, error: "gone", audit: AuditEvent(at: at + 1, actor: "system", action: "notify.failed"))
        let again = try await store.claimDueMessages(at: at + 301, limit: 50, lease: 300)
        #expect(again.map(\.id) == messages.dropFirst(2).map(\.id))
        try await store.close()
    }

    @Test("an expired sign-in code is refused", arguments: Backend.available)
    func expiredCode(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let message = OutboxMessage(id: "m1", createdAt: Self.now, channel: .sms, recipientSealed: Data([9]), recipientMasked: "x", kind: .appealAnswer, body: "b")
        try await store.issueOneTimeCode(
            OneTimeCode(phoneIndex: Data([1]), codeHash: Data([7]), residentID: "R1", issuedAt: Self.now - 300, expiresAt: Self.now, attemptsLeft: 5),
            message: message, throttleBefore: Self.now - 60)
        #expect(try await store.redeemOneTimeCode(phoneIndex: Data([1]), codeHash: Data([7]), now: Self.now + 1) == .expiredOrUnknown)
        try await store.close()
    }

    @Test("the audit chain links entries, is keyed, and detects an edited row even when its hashes are recomputed without the key", arguments: Backend.available)
    func auditChain(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        let store = fresh.store
        let hasher = PersonalDataVault(keyMaterial: fresh.keys).auditChainHasher
        for i in 1...5 {
            try await store.appendAudit(AuditEvent(at: Self.now + Double(i), actor: "staff:acct-epi", action: "person.read", subjectKind: "person", subjectID: "R\(i)"))
        }
        let entries = try await store.auditEntries(after: 0, limit: 10)
        #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(entries[0].previousHash == AuditEntry.genesisHash)
        #expect(entries[1].previousHash == entries[0].hash)
        #expect(try await store.verifyAuditChain(hasher: hasher) == .intact(entries: 5))
        #expect(try await store.recentAudit(subjectID: "R3", limit: 5).map(\.sequence) == [3])
        // Another store's key does not reproduce the chain.
        #expect(try await store.verifyAuditChain(hasher: PersonalDataVault(keyMaterial: .generate()).auditChainHasher) != .intact(entries: 5))
        let anchor = try #require(try await store.auditAnchor(hasher: hasher, at: Self.now + 10))
        #expect(anchor.sequence == 5 && anchor.hash == entries[4].hash)
        #expect(try await store.check(anchor, hasher: hasher) == .holds)
        var forged = anchor
        forged.sequence = 4
        #expect(try await store.check(forged, hasher: hasher) == .forged)

        // The log refuses edits through SQL.
        switch backend {
        case .sqlite:
            let sqlite = try #require((store as? SQLStore)?.backend as? SQLiteDatabase)
            await #expect(throws: (any Error).self) {
                try await sqlite.pool.write { db in try db.execute(sql: "UPDATE audit_log SET subject_id = 'R9' WHERE seq = 3") }
            }
            try await sqlite.pool.write { db in
                try db.execute(sql: "DROP TRIGGER audit_log_no_update")
                try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            }
        case .postgres:
            await #expect(throws: (any Error).self) { _ = try await fresh.postgresExecute("UPDATE audit_log SET subject_id = 'R9' WHERE seq = 3") }
            _ = try await fresh.postgresExecute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
        }
        // An attacker who removed the guard rewrites entry 3 and recomputes the hashes from there in
        // the unkeyed format, the only one they can compute: the keyed entries before it give it away.
        try await Self.rewriteUnkeyed(fresh, entries, from: 3, subject: "R9", hasher: hasher)
        #expect(try await store.verifyAuditChain(hasher: hasher) == .broken(sequence: 3, reason: "unkeyed entry after keyed ones (rewritten without the key)"))
        // Rewriting the whole log unkeyed: the key directory says this store never had unkeyed entries.
        try await Self.rewriteUnkeyed(fresh, entries, from: 1, subject: "R9", hasher: hasher)
        #expect(try await store.verifyAuditChain(hasher: hasher)
            == .broken(sequence: 1, reason: "unkeyed entry, but the chain is keyed from entry 1 on (rewritten without the key)"))
        // Where that boundary is unknown (keys from the environment), it passes for an old store's log; the anchor does not.
        var unknownBoundary = fresh.keys
        unknownBoundary.legacyAuditEntries = nil
        let lenient = PersonalDataVault(keyMaterial: unknownBoundary).auditChainHasher
        #expect(try await store.verifyAuditChain(hasher: lenient) == .intact(entries: 5, unkeyed: 5))
        #expect(try await store.check(anchor, hasher: hasher) == .rewritten)
        // Cutting the end off is truncation.
        let (sqlite, postgres) = ("DELETE FROM audit_log WHERE seq = 5", "DELETE FROM audit_log WHERE seq = 5")
        try await fresh.execute(backend == .sqlite ? sqlite : postgres)
        #expect(try await store.check(anchor, hasher: hasher) == .truncated(lastSequence: 4))
        try await store.close()
    }

    /// Rewrites entries from `from` on with another subject and plain SHA-256 hashes of the first format.
    static func rewriteUnkeyed(_ fresh: FreshStore, _ entries: [AuditEntry], from: Int64, subject: String, hasher: some AuditChainHasher) async throws {
        var previous = from == 1 ? AuditEntry.genesisHash : entries[Int(from) - 2].hash
        for entry in entries where entry.sequence >= from {
            var event = entry.event
            event.subjectID = subject
            let hash = try #require(hasher.legacyHash(sequence: entry.sequence, event: event, previousHash: previous))
            try await fresh.execute(
                "UPDATE audit_log SET subject_id = '\(subject)', prev_hash = '\(previous)', hash = '\(hash)' WHERE seq = \(entry.sequence)")
            previous = hash
        }
    }

    @Test("sealed columns are read in pages and replaced only where they still hold what was read", arguments: Backend.available)
    func sealedData(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        let store = fresh.store
        try await Self.seed(store)
        _ = try await store.insertResidents([try Self.resident("R1", grid: Self.gridA, phone: "13900000001"), try Self.resident("R2", grid: Self.gridA)], audit: nil)
        // A row of a store written before birth dates were sealed.
        try await fresh.execute("UPDATE residents SET birth_date = '1980-02-03' WHERE id = 'R2'")
        #expect(try await store.sealedEnvelopeCount(.residentIdentity) == 2)
        let rows = try await store.sealedEnvelopes(.residentIdentity, after: "", limit: 10)
        #expect(rows.map(\.rowID) == ["R1", "R2"])
        #expect(rows[1].clearBirthDate == CalendarDate(iso: "1980-02-03"))
        #expect(try await store.sealedEnvelopes(.residentIdentity, after: "R1", limit: 10).map(\.rowID) == ["R2"])
        let stale = EnvelopeChange(rowID: "R1", previous: Data([1, 2, 3]), sealed: Data([4]))
        let current = EnvelopeChange(rowID: "R2", previous: rows[1].sealed, sealed: Data([5]))
        #expect(try await store.replaceSealedEnvelopes(.residentIdentity, [stale, current]) == 1)
        let after = try await store.sealedEnvelopes(.residentIdentity, after: "", limit: 10)
        #expect(after[0].sealed == rows[0].sealed)
        #expect(after[1].sealed == Data([5]) && after[1].clearBirthDate == nil)
        #expect(try await store.resident(id: "R2")?.clearBirthDate == nil)

        let message = OutboxMessage(id: "m1", createdAt: Self.now, channel: .sms, recipientSealed: Data([9]), recipientMasked: "x", kind: .appealAnswer, body: "b")
        _ = try await store.enqueueAlerts([message], window: 0, audit: nil)
        #expect(try await store.sealedEnvelopeCount(.outboxRecipient) == 1)
        #expect(try await store.sealedEnvelopes(.outboxRecipient, after: "", limit: 10) == [StoredEnvelope(rowID: "m1", sealed: Data([9]))])
        #expect(try await store.replaceSealedEnvelopes(.outboxRecipient, [EnvelopeChange(rowID: "m1", previous: Data([9]), sealed: Data([8]))]) == 1)
        #expect(try await store.sealedEnvelopes(.outboxRecipient, after: "", limit: 10).first?.sealed == Data([8]))
        try await store.close()
    }

    @Test("a bulk load keeps look-ups correct and an interrupted one heals when the store reopens", arguments: Backend.available)
    func bulkLoad(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        try await Self.seed(fresh.store)
        try await fresh.store.beginResidentBulkLoad()
        _ = try await fresh.store.insertResidents([try Self.resident("R1", grid: Self.gridA, phone: "13900000009")], audit: nil)
        let index = Self.vault.blindIndex("13900000009", kind: "phone")
        #expect(try await fresh.store.residents(phoneIndex: index).map(\.id) == ["R1"])
        try await fresh.store.endResidentBulkLoad()
        #expect(try await fresh.store.residents(phoneIndex: index).map(\.id) == ["R1"])
        if let path = fresh.sqlitePath {
            try await fresh.store.beginResidentBulkLoad()
            try await fresh.store.close()
            let reopened = try SQLiteDatabase(path: path)
            let indexes = try await reopened.pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('residents_phone', 'residents_id_number')")
            }
            #expect(Set(indexes) == ["residents_phone", "residents_id_number"])
            try await reopened.close()
        } else {
            try await fresh.store.close()
        }
    }

    @Test("migrations leave a versioned schema (v23 at this commit) and re-opening does not re-run them", arguments: Backend.available)
    func migrations(_ backend: Backend) async throws {
        let fresh = try await FreshStore.make(backend)
        #expect(Migrations.all.count == 37 && Migrations.all.map(\.version) == Array(1...37))
        #expect(try await fresh.store.schemaVersion() == Migrations.all.count)
        // Migrating again (a second instance starting, a command after the server) changes nothing.
        try await fresh.store.migrate()
        #expect(try await fresh.store.schemaVersion() == Migrations.all.count)
        // v12 fills the new `kind` column of tasks stored before it from their documents: run its
        // statement for this dialect on a row whose kind is blank, as an older store's rows are.
        try await Self.seed(fresh.store)
        _ = try await fresh.store.insertTasks(
            [GridTask(id: "T-OLD", kind: .screening, factKey: "f:old", gridID: Self.gridA.id, gridPath: Self.gridA.path, note: "n",
                createdAt: Date(timeIntervalSince1970: 1_700_000_000), createdBy: "rules", dueAt: Date(timeIntervalSince1970: 1_700_086_400))], audit: nil)
        try await fresh.execute("UPDATE grid_tasks SET kind = ''")
        // A blank kind is a damaged row to the store, never a guess.
        await #expect(throws: StoreError.self) { try await fresh.store.taskCounts(within: "/", states: [.open]) }
        let dialect: SQLDialect = fresh.sqlitePath == nil ? .postgres : .sqlite
        let v12 = try #require(Migrations.all.first { $0.version == 12 })
        for statement in v12.statements.compactMap({ $0.text(for: dialect) }) where statement.hasPrefix("UPDATE") {
            try await fresh.execute(statement)
        }
        #expect(try await fresh.store.taskCounts(within: "/", states: [.open]) == [TaskCount(kind: .screening, state: .open, count: 1)])
        try await fresh.store.ping()
        try await fresh.store.close()
        if let path = fresh.sqlitePath {
            let again = try SQLiteDatabase(path: path)
            #expect(try await again.schemaVersion() == Migrations.all.count)
            let mode = try await again.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            try await again.close()
        }
    }
}
