import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// Applying for a code (申领): someone not in the register proves their phone, declares, and gets
/// a code at once, coloured by the rules and marked self-declared until their grid confirms it.
@Suite("Applying for a code")
struct RegistrationTests {
    static func code(for phone: String, _ store: any CordonStore) async throws -> String {
        let message = try await store.pendingMessages(limit: 50).last { $0.kind == .signInCode && $0.recipientMasked == Masking.phone(phone) }
        guard let code = message?.body.firstMatch(of: /\d{6}/)?.output else { throw TestSupportError("no code for \(phone)") }
        return String(code)
    }

    /// Sends the application form as a browser would (the form protection's cookie, no session).
    static func submit(_ client: any TestClientProtocol, _ body: String, language: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: BrowserForm.cookies(nil)]
        if let language { headers[.acceptLanguage] = language }
        return try await client.execute(uri: "/apply", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func form(_ phone: String, code: String, idNumber: String, from: String = "", arrivedOn: String = "", symptoms: [String] = []) -> String {
        var fields = [
            "phone": phone, "code": code, "name": "赵六", "idType": "resident-id", "idNumber": idNumber, "compound": "东坡小区", "address": "3幢2单元201",
            "fromRegion": from, "arrivedOn": arrivedOn,
        ]
        fields["temperature"] = ""
        var body = BrowserForm.body(fields)
        for s in symptoms { body += "&symptoms%5B%5D=\(s)" }
        return body
    }

    @Test("a visitor from a high-risk region gets a yellow code at once, marked self-declared; their grid gets a task; the worker confirms", arguments: Backend.available)
    func newApplicant(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let store = city.services.store
        let idNumber = ImportedCity.idNumber("42010619950505341")
        let today = CalendarDate(localDayOf: Date(), offsetMinutes: city.services.profiles.profile.colours.dayOffsetMinutes)
        let worker = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: .commandLine("ops"))
        try await city.test { client in
            let page = try await client.get("/apply", language: "zh")
            #expect(page.status == .ok && page.text.contains("申领健康码") && page.text.contains("name=\"idNumber\""))
            #expect(try await client.postForm("/apply/code", ["phone": "13700000007"]).status == .ok)
            let code = try await Self.code(for: "13700000007", store)

            // A bad identity number: refused naming the field, what was typed kept, nothing stored, the code not used up.
            let bad = try await Self.submit(client, Self.form("13700000007", code: code, idNumber: "420106199505053410"), language: "zh")
            #expect(bad.status == .badRequest && bad.text.contains("证件号码：") && bad.text.contains("value=\"赵六\"") && !bad.text.contains(code))
            let unknown = try await Self.submit(client, Self.form("13700000007", code: code, idNumber: idNumber).replacingOccurrences(of: "compound=%E4%B8%9C%E5%9D%A1%E5%B0%8F%E5%8C%BA", with: "compound=%E4%B8%9C%E5%9D%A1"), language: "en")
            #expect(unknown.status == .badRequest && unknown.text.contains("Compound you live in: no compound is called") && unknown.text.contains("东坡小区"))

            let done = try await Self.submit(client, Self.form("13700000007", code: code, idNumber: idNumber, from: "420100", arrivedOn: today.description, symptoms: ["cough"]))
            #expect(done.status == .seeOther && done.headers[.location] == "/?applied=1")
            let session = try #require(done.sessionCookie)
            let home = try await client.get("/", cookie: session, language: "zh")
            #expect(home.status == .ok && home.text.contains("自主申报，待核实") && home.text.contains("code-yellow"))
            // The same code does not work twice.
            let again = try await Self.submit(client, Self.form("13700000007", code: code, idNumber: idNumber))
            #expect(again.status == .badRequest)
        }
        // One new record in the compound's grid, sealed; the code verifies offline; a task for the grid.
        let index = city.services.vault.blindIndex(idNumber, kind: "id")
        let records = try await store.residents(idNumberIndex: index)
        let person = try #require(records.first)
        #expect(records.count == 1 && person.id.hasPrefix("SD-") && person.areaID == "G-DP-1" && person.compoundID == "CP-DP")
        #expect(try city.services.vault.open(person).address == "3幢2单元201")
        let status = try await city.services.statuses.current(person.id)
        #expect(status.colour == .yellow && Set(status.reasons.map(\.rule)).isSuperset(of: ["symptoms"]))
        let credential = try await city.services.credentials.issue(for: person.id)
        #expect(try city.services.credentials.verify(credential.text).colour == "yellow")
        let tasks = try await store.tasks(within: "/3301/330102/330102001/330102001001/G-DP-1/", states: [.open], limit: 10)
        #expect(tasks.contains { $0.kind == .verifyRegistration && $0.person == person.id })
        #expect(try await city.services.registrations.latest(person.id)?.isPending == true)

        // The grid worker sees the mark and confirms it.
        try await city.test { client in
            let session = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            let page = try await client.get("/people/\(person.id)", cookie: session, language: "zh")
            #expect(page.text.contains("自主申报，待核实") && page.text.contains("3幢2单元201"))
            #expect(try await client.postForm("/people/\(person.id)/confirm-registration", [:], cookie: BrowserForm.cookies(session)).status == .seeOther)
            #expect(try await !client.get("/people/\(person.id)", cookie: session, language: "zh").text.contains("自主申报，待核实"))
        }
        #expect(try await city.services.registrations.latest(person.id)?.confirmedBy == "staff:acct-dongpo.wang")
        let audit = try await store.recentAudit(subjectID: person.id, limit: 30).map(\.event.action)
        #expect(audit.contains("registration.new") && audit.contains("registration.confirm") && audit.contains("declare.travel"))
        try await city.close()
    }

    @Test("an identity number already registered: with its phone, that person signs in and a contradicted declaration raises a task; with another, nothing is linked", arguments: Backend.available)
    func duplicates(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let store = city.services.store
        let r1Number = ImportedCity.idNumber("33010219800101123")
        // The arrivals feed says R1 came from Wuhan three days ago.
        let arrivedAt = Timestamp.format(Date().addingTimeInterval(-3 * 86_400))
        let feed = #"{"id":"A-R1","person":"R1","from":"420100","arrivedAt":"\#(arrivedAt)","mode":"train"}"# + "\n"
        _ = try await city.services.imports.run(.arrivals, reader: RecordReader(bytes: Array(feed.utf8)), actor: "cli:test", source: "arrivals.ndjson")
        let before = try await store.residentCount(within: "/")
        try await city.test { client in
            #expect(try await client.postForm("/apply/code", ["phone": "13800000001"]).status == .ok)
            let code = try await Self.code(for: "13800000001", store)
            let mine = try await Self.submit(client, Self.form("13800000001", code: code, idNumber: r1Number))
            #expect(mine.status == .seeOther && mine.sessionCookie != nil)

            #expect(try await client.postForm("/apply/code", ["phone": "13700000099"]).status == .ok)
            let other = try await Self.code(for: "13700000099", store)
            let claim = try await Self.submit(client, Self.form("13700000099", code: other, idNumber: r1Number), language: "zh")
            #expect(claim.status == .accepted && claim.sessionCookie == nil && claim.text.contains("未做关联"))
        }
        #expect(try await store.residentCount(within: "/") == before)
        let registrations = try await store.registrations(person: "R1")
        #expect(Set(registrations.map(\.kind)) == [.existing, .claim])
        #expect(registrations.first { $0.kind == .existing }?.conflict?.contains("420100") == true)
        let tasks = try await store.tasks(within: "/3301/330102/", states: [.open], limit: 20).filter { $0.person == "R1" }
        #expect(tasks.contains { $0.kind == .declarationConflict } && tasks.contains { $0.kind == .verifyRegistration && $0.note.hasPrefix("claim · 137****0099") })
        try await city.close()
    }

    @Test("a residents feed bringing an applicant's identity number confirms them: one record under the feed's id, their declaration, session and scans kept, the task closed, the old page pointing to the new", arguments: Backend.available)
    func feedConfirms(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let store = city.services.store
        let idNumber = ImportedCity.idNumber("42010619950505341")
        let today = CalendarDate(localDayOf: Date(), offsetMinutes: city.services.profiles.profile.colours.dayOffsetMinutes)
        let worker = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: .commandLine("ops"))
        try await city.services.timeline.load()
        try await city.test { client in
            #expect(try await client.postForm("/apply/code", ["phone": "13700000007"]).status == .ok)
            let code = try await Self.code(for: "13700000007", store)
            let done = try await Self.submit(client, Self.form("13700000007", code: code, idNumber: idNumber, from: "420100", arrivedOn: today.description))
            let applicant = try #require(done.sessionCookie)
            let declared = try #require(try await store.residents(idNumberIndex: city.services.vault.blindIndex(idNumber, kind: "id")).first).id
            let before = try await city.services.statuses.current(declared)
            #expect(declared.hasPrefix("SD-") && before.colour == .yellow)
            // They scanned in at their compound's gate while self-declared.
            let start = Date().addingTimeInterval(-3_600)
            let scan = #"{"id":"P-SD-1","person":"\#(declared)","place":"CP-DP","start":"\#(Timestamp.format(start))","end":"\#(Timestamp.format(start + 600))"}"# + "\n"
            _ = try await city.services.imports.run(.presence, reader: RecordReader(bytes: Array(scan.utf8)), actor: "cli:test", source: "presence.ndjson")

            // The household register's file brings the same number under the city's own id, without a phone.
            let row = #"{"id":"R9","name":"赵六","idType":"resident-id","idNumber":"\#(idNumber)","sex":"male","birthDate":"1995-05-05","household":"H9","area":"G-DP-1","compound":"CP-DP","address":"东坡路9号"}"# + "\n"
            let report = try await city.services.imports.run(.residents, reader: RecordReader(bytes: Array(row.utf8)), actor: "cli:ops", source: "residents.ndjson")
            #expect(report.loaded == 1 && report.merged == 1 && report.rejected == 0)

            // One person, under R9: the feed's address, the phone they proved, still yellow from the declared arrival.
            let records = try await store.residents(idNumberIndex: city.services.vault.blindIndex(idNumber, kind: "id"))
            #expect(records.map(\.id) == ["R9"])
            let person = try city.services.vault.open(try #require(records.first))
            #expect(person.phone == "13700000007" && person.address == "东坡路9号" && person.householdID == "H9")
            #expect(try await store.resident(id: declared) == nil)
            let status = try await city.services.statuses.current("R9")
            #expect(status.colour == .yellow)
            let registration = try #require(try await city.services.registrations.latest("R9"))
            #expect(registration.mergedFrom == declared && registration.confirmedBy == SelfDeclaredMerge.confirmer && !registration.isPending)
            let tasks = try await store.tasks(within: "/3301/330102/", states: Set(TaskState.allCases), limit: 20).filter { $0.kind == .verifyRegistration }
            #expect(tasks.count == 1 && tasks.first?.person == "R9" && tasks.first?.state == .done)
            // Their scan is R9's, in the store and in the tracing index.
            #expect(try await store.presence(after: 0, limit: 10).map(\.event.person) == ["R9"])
            let index = await city.services.timeline.snapshot()
            #expect(index.people.number(of: declared) == nil)
            #expect(index.people.number(of: "R9").map { index.events(of: $0).count } == 1)

            // The applicant's session goes on, now as R9, no longer marked self-declared.
            let home = try await client.get("/", cookie: applicant, language: "zh")
            #expect(home.status == .ok && home.text.contains("code-yellow") && !home.text.contains("自主申报，待核实"))
            // Staff following an old link land on the merged person, told why.
            let session = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            let old = try await client.get("/people/\(declared)", cookie: session, language: "en")
            #expect(old.status == .seeOther && old.headers[.location]?.hasPrefix("/people/R9?message=") == true)
            let page = try await client.get("/people/R9", cookie: session, language: "en")
            #expect(page.text.contains("confirmed by the residents feed and merged") && page.text.contains(declared))
            #expect(try await store.recentAudit(subjectID: "R9", limit: 30).contains { $0.event.action == "registration.merge" && $0.event.actor == "cli:ops" })
            // The same file again changes nothing.
            let again = try await city.services.imports.run(.residents, reader: RecordReader(bytes: Array(row.utf8)), actor: "cli:ops", source: "residents.ndjson")
            #expect(again.unchanged == 1 && again.merged == 0)
        }
        try await city.close()
    }

    @Test("feeds that come after a declaration are held against it: a sample or a scan in the city before the declared arrival raises one task, worded on the person's page", arguments: Backend.available)
    func laterFeedsContradict(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let store = city.services.store
        let offset = city.services.profiles.profile.colours.dayOffsetMinutes
        let today = CalendarDate(localDayOf: Date(), offsetMinutes: offset)
        let yesterday = CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 1)
        let worker = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: .commandLine("ops"))
        try await city.test { client in
            // R1 and R2, both in the register, declare they arrived yesterday (from Wuhan, from Shanghai).
            for (phone, idNumber, region) in [("13800000001", ImportedCity.idNumber("33010219800101123"), "420100"), ("13800000002", ImportedCity.idNumber("33010619900202234"), "310000")] {
                #expect(try await client.postForm("/apply/code", ["phone": phone]).status == .ok)
                let code = try await Self.code(for: phone, store)
                let done = try await Self.submit(client, Self.form(phone, code: code, idNumber: idNumber, from: region, arrivedOn: yesterday.description))
                #expect(done.status == .seeOther)
                // In the register already: their home page does not call them self-declared.
                let home = try await client.get("/", cookie: try #require(done.sessionCookie), language: "zh")
                #expect(home.status == .ok && !home.text.contains("自主申报，待核实"))
            }
            #expect(try await store.registrations(person: "R1").first?.conflict == nil)

            // The labs feed: R1 gave a sample in the city four days ago.
            let sampled = Timestamp.format(Date().addingTimeInterval(-4 * 86_400))
            let lab = #"{"id":"L-R1","person":"R1","sampledAt":"\#(sampled)","result":"negative","test":"pcr","lab":"市一医院"}"# + "\n"
            let labs = try await city.services.imports.run(.labs, reader: RecordReader(bytes: Array(lab.utf8)), actor: "token:labs", source: "labs.ndjson")
            #expect(labs.loaded == 1 && labs.contradicted == 1)
            let registration = try #require(try await store.registrations(person: "R1").first)
            #expect(registration.conflict?.hasPrefix("lab|") == true && registration.conflict?.hasSuffix("|\(yesterday)|市一医院") == true)

            // Presence: R1 again (already contradicted: no second task), and R2 at their compound three days ago.
            let start = Date().addingTimeInterval(-3 * 86_400)
            let scans = [("P-R1", "R1", "CP-DP"), ("P-R2", "R2", "CP-BS")].map {
                #"{"id":"\#($0.0)","person":"\#($0.1)","place":"\#($0.2)","start":"\#(Timestamp.format(start))","end":"\#(Timestamp.format(start + 900))"}"#
            }.joined(separator: "\n") + "\n"
            let presence = try await city.services.imports.run(.presence, reader: RecordReader(bytes: Array(scans.utf8)), actor: "cli:ops", source: "presence.ndjson")
            #expect(presence.loaded == 2 && presence.contradicted == 1)
            #expect(try await store.registrations(person: "R2").first?.conflict?.hasPrefix("presence|") == true)
            let tasks = try await store.tasks(within: "/3301/", states: [.open], limit: 50).filter { $0.kind == .declarationConflict }
            #expect(tasks.compactMap(\.person).sorted() == ["R1", "R2"])
            #expect(try await store.recentAudit(subjectID: "R2", limit: 20).contains { $0.event.action == "registration.conflict" && $0.event.actor == "cli:ops" })
            // An arrivals feed that agrees with R2's declaration says nothing new.
            let arrival = #"{"id":"A-R2","person":"R2","from":"310000","arrivedAt":"\#(Timestamp.format(Date().addingTimeInterval(-86_400)))","mode":"train"}"# + "\n"
            #expect(try await city.services.imports.run(.arrivals, reader: RecordReader(bytes: Array(arrival.utf8)), actor: "cli:ops", source: "a.ndjson").contradicted == 0)

            // A later claim on R1 (another phone) does not hide what the feeds said.
            #expect(try await client.postForm("/apply/code", ["phone": "13700000099"]).status == .ok)
            let claimCode = try await Self.code(for: "13700000099", store)
            let claim = try await Self.submit(client, Self.form("13700000099", code: claimCode, idNumber: ImportedCity.idNumber("33010219800101123")))
            #expect(claim.status == .accepted)

            // The grid worker reads it in words, on the person's page and in the task list.
            let session = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            let page = try await client.get("/people/R1", cookie: session, language: "zh")
            #expect(page.text.contains("在市一医院采样，早于申报的抵达日 \(yesterday)"))
            let list = try await client.get("/grid", cookie: session, language: "en")
            #expect(list.text.contains("Declared: arrived from Wuhan on \(yesterday); data: sampled at 市一医院"))
        }
        try await city.close()
    }

    @Test("a claim on a registered identity number: the grid worker links the phone that applied only when typed right, or rejects it; each decided once and audited", arguments: Backend.available)
    func claims(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let store = city.services.store
        let vault = city.services.vault
        let r1Number = ImportedCity.idNumber("33010219800101123")
        let worker = try await city.services.staff.create(.init(username: "dongpo.wang", displayName: "王网格", role: "grid-worker", area: "G-DP-1"), as: .commandLine("ops"))
        try await city.test { client in
            // R1 has a new phone, and someone else also tries R1's number.
            for phone in ["13700000099", "13700000055"] {
                #expect(try await client.postForm("/apply/code", ["phone": phone]).status == .ok)
                let code = try await Self.code(for: phone, store)
                let claim = try await Self.submit(client, Self.form(phone, code: code, idNumber: r1Number))
                #expect(claim.status == .accepted)
            }
            let claims = try await city.services.registrations.pendingClaims("R1")
            let mine = try #require(claims.first { $0.phoneMasked == "137****0099" })
            let other = try #require(claims.first { $0.phoneMasked == "137****0055" })

            let session = try await client.signInFirstTime("dongpo.wang", oneTime: worker.password, newPassword: "dongpo-grid-one-1")
            let page = try await client.get("/people/R1", cookie: session, language: "zh")
            #expect(page.text.contains("另一手机号（137****0099）") && page.text.contains("/people/R1/claims/\(mine.id)/link"))
            // A phone other than the one that proved itself: refused, naming the field, what was typed kept, nothing changed.
            let wrong = try await client.postForm("/people/R1/claims/\(mine.id)/link", ["phone": "13700000098"], cookie: BrowserForm.cookies(session), language: "zh")
            #expect(wrong.status == .badRequest && wrong.text.contains("手机号：不是申领时验证过的号码（137****0099）") && wrong.text.contains("value=\"13700000098\""))
            #expect(try vault.open(try #require(try await store.resident(id: "R1"))).phone == "13800000001")

            let linked = try await client.postForm("/people/R1/claims/\(mine.id)/link", ["phone": "137 0000 0099"], cookie: BrowserForm.cookies(session), language: "en")
            #expect(linked.status == .seeOther)
            #expect(try vault.open(try #require(try await store.resident(id: "R1"))).phone == "13700000099")
            #expect(try await store.residents(phoneIndex: vault.blindIndex("13700000099", kind: "phone")).map(\.id) == ["R1"])
            #expect(try await client.postForm("/people/R1/claims/\(mine.id)/link", ["phone": "13700000099"], cookie: BrowserForm.cookies(session)).status == .conflict)

            #expect(try await client.postForm("/people/R1/claims/\(other.id)/reject", [:], cookie: BrowserForm.cookies(session)).status == .seeOther)
            #expect(try await city.services.registrations.pendingClaims("R1").isEmpty)
            let decided = try await store.registrations(person: "R1")
            #expect(Set(decided.compactMap(\.decision)) == [.linked, .rejected] && decided.allSatisfy { $0.confirmedBy == "staff:acct-dongpo.wang" })
            let tasks = try await store.tasks(within: "/3301/330102/", states: Set(TaskState.allCases), limit: 20).filter { $0.kind == .verifyRegistration }
            #expect(tasks.count == 2 && tasks.allSatisfy { $0.state == .done })
            let audit = try await store.recentAudit(subjectID: "R1", limit: 30).map(\.event.action)
            #expect(audit.contains("registration.claim-linked") && audit.contains("registration.claim-rejected"))
        }
        try await city.close()
    }
}
