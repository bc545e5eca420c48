import App
import DemoCity
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Sign-in and jurisdiction on the real application, on SQLite and PostgreSQL.
@Suite("Sign-in and jurisdiction")
struct JurisdictionTests {
    @Test("every demo staff account signs in and sees only its jurisdiction", arguments: Backend.available)
    func everyAccountSignsIn(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend)
        let staff = city.accounts.filter { $0.password != nil }
        #expect(staff.count == 14)
        let otherGrid = city.city.grids[city.city.grids.count - 1].area
        let firstGrid = city.city.grids[0].area
        try await city.test { client in
            for account in staff {
                let cookie = try await client.signIn(account)
                let home = try await client.get("/", cookie: cookie)
                #expect(home.status == .ok, "\(account.username)")
                if account.role.hasPrefix("enterprise") {
                    // An enterprise's account sees its enterprise's pages, no area at all.
                    #expect(home.text.contains("href=\"/employees\"") && !home.text.contains("/areas/"), "\(account.username) home shows its enterprise")
                } else if let own = ["pharmacist": "/pharmacy", "ledger-officer": "/ledger"][account.role] {
                    // So do a pharmacy's account and the ledger office: their own page, no area.
                    #expect(home.text.contains("href=\"\(own)\"") && !home.text.contains("/areas/"), "\(account.username) home shows its page")
                } else {
                    #expect(home.text.contains("/areas/\(account.jurisdiction ?? "?")"), "\(account.username) home shows its jurisdiction")
                }
                // The last grid belongs to grid2 and lies in another district than every first-branch officer.
                let foreign = try await client.get("/areas/\(account.username == "grid2" ? firstGrid.id : otherGrid.id)", cookie: cookie)
                let seesEverything = ["admin", "command", "epi"].contains(account.username)
                #expect(foreign.status == (seesEverything ? .ok : .forbidden), "\(account.username) on a foreign grid")
            }
        }
        try await city.close()
    }

    @Test("a grid worker is refused another grid's resident: 403 and an audit entry", arguments: Backend.available)
    func gridWorkerRefused(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend)
        let store = city.services.store
        let lastGrid = city.city.grids[city.city.grids.count - 1].area
        let foreign = try #require(try await store.residents(within: lastGrid.path, after: nil, limit: 1).first)
        let own = try #require(try await store.residents(within: city.city.grids[0].area.path, after: nil, limit: 1).first)
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            let refused = try await client.get("/api/v1/residents/\(foreign.id)", cookie: cookie)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("outside your jurisdiction"))
            let page = try await client.get("/people/\(foreign.id)", cookie: cookie)
            #expect(page.status == .forbidden)
            // The city (above the grid) lists only the branch that leads to the worker's grid.
            let cityArea = try await client.get("/api/v1/areas/330100", cookie: cookie)
            #expect(cityArea.status == .ok)
            #expect(cityArea.text.contains("\"\(city.city.grids[0].districtCode)\""))
            #expect(!cityArea.text.contains("\"\(city.city.grids[city.city.grids.count - 1].districtCode)\""))

            let allowed = try await client.get("/api/v1/residents/\(own.id)", cookie: cookie)
            #expect(allowed.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: allowed.body)) as? [String: Any]
            let masked = try #require(json?["idNumberMasked"] as? String)
            #expect(masked.contains("**********"))
            #expect(!allowed.text.contains(try city.services.vault.open(own).idNumber ?? "none"))
        }
        let denials = try await store.recentAudit(subjectID: foreign.id, limit: 10)
        #expect(denials.filter { $0.event.action == "access.denied" && $0.event.actor == "staff:acct-grid" }.count == 2)
        let reads = try await store.recentAudit(subjectID: own.id, limit: 10)
        #expect(reads.contains { $0.event.action == "person.read" && $0.event.actor == "staff:acct-grid" })
        #expect(try await store.verifyAuditChain(hasher: city.services.hasher) != .intact(entries: 0))
        try await city.close()
    }

    @Test("an officer of one district sees only their district's pending overrides and cases", arguments: Backend.available)
    func listsScopedToDistrict(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 1500)
        let store = city.services.store
        let first = city.city.grids[0], last = city.city.grids[city.city.grids.count - 1]
        #expect(first.districtCode != last.districtCode)
        let here = try #require(try await store.residents(within: first.area.path, after: "R00000010", limit: 1).first)
        let there = try #require(try await store.residents(within: last.area.path, after: nil, limit: 1).first)
        let now = Date()
        for (id, person) in [("OVR-here", here.id), ("OVR-there", there.id)] {
            try await store.insertOverrideRequest(
                OverrideRequest(id: id, person: person, colour: .yellow, legalBasis: "《传染病防治法》第三十九条", until: now.addingTimeInterval(86400), proposer: "staff:acct-epi", proposedAt: now),
                audit: city.services.clock.event("test", .overridePropose))
        }
        _ = try await store.insertLabResults(
            [LabResult(id: "L-here", person: here.id, sampledAt: now.addingTimeInterval(-3600), result: .positive),
             LabResult(id: "L-there", person: there.id, sampledAt: now.addingTimeInterval(-3600), result: .positive)], audit: nil)
        // An epidemiologist of the other district, and the first district's officer.
        let password = "matrix-\(UUID().uuidString.prefix(8))"
        try await city.services.accounts.createStaff(
            username: "epi2", displayName: "流调员 2", role: .epidemiologist, jurisdictionID: last.districtCode, password: password, actor: "test")
        try await city.test { client in
            let district = try await client.signIn(try city.account("district"))
            let overrides = try await client.get("/overrides", cookie: district)
            #expect(overrides.status == .ok)
            #expect(overrides.text.contains("OVR-here") && overrides.text.contains("/people/\(here.id)"))
            #expect(!overrides.text.contains("OVR-there") && !overrides.text.contains("/people/\(there.id)"))

            let epi2 = try #require(try await client.postForm("/signin", ["username": "epi2", "password": password]).sessionCookie)
            let cases = try await client.get("/api/v1/cases?limit=1000", cookie: epi2)
            #expect(cases.status == .ok)
            #expect(cases.text.contains("\"\(there.id)\""))
            #expect(!cases.text.contains("\"\(here.id)\""))
            let page = try await client.get("/cases", cookie: epi2)
            #expect(!page.text.contains("/cases/\(here.id)"))
            // The first district's case is refused to them by id too, and the refusal is audited.
            #expect(try await client.get("/api/v1/cases/\(here.id)/contacts", cookie: epi2).status == .forbidden)
            let overridesThere = try await client.get("/overrides", cookie: epi2)
            #expect(overridesThere.text.contains("/people/\(there.id)") && !overridesThere.text.contains("/people/\(here.id)"))
        }
        #expect(try await store.recentAudit(subjectID: here.id, limit: 20).contains { $0.event.action == "access.denied" })
        try await city.close()
    }

    @Test("a checkpoint operator cannot open person records even in their community", arguments: Backend.available)
    func checkpointOperator(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend)
        let own = try #require(try await city.services.store.residents(within: city.city.grids[0].area.path, after: nil, limit: 1).first)
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("checkpoint"))
            #expect(try await client.get("/api/v1/residents/\(own.id)", cookie: cookie).status == .forbidden)
        }
        try await city.close()
    }

    @Test("residents sign in with an SMS code; a proxy sees their dependant", arguments: Backend.available)
    func residentSignIn(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend)
        let proxy = try city.account("proxy")
        let phone = try #require(proxy.phone)
        try await city.test { client in
            let asked = try await client.postForm("/signin/code-request", ["phone": phone])
            #expect(asked.status == .ok)
            // Asking again within the minute sends nothing more, and says how long to wait.
            let again = try await client.postForm("/signin/code-request", ["phone": phone])
            #expect(again.status == .tooManyRequests && again.headers[.retryAfter] != nil)
            #expect(try await city.services.store.pendingMessages(limit: 10).count == 1)
            let message = try #require(try await city.services.store.pendingMessages(limit: 10).first)
            let code = try #require(message.body.firstMatch(of: /\d{6}/)).output
            #expect(message.recipientMasked == Masking.phone(phone))

            let wrong = try await client.postForm("/signin/code", ["phone": phone, "code": code == "000000" ? "111111" : "000000"])
            #expect(wrong.status == .unauthorized)
            let signedIn = try await client.postForm("/signin/code", ["phone": phone, "code": String(code)])
            let cookie = try #require(signedIn.sessionCookie)
            let home = try await client.get("/", cookie: cookie, language: "en")
            #expect(home.status == .ok)
            #expect(home.text.contains("People I hold codes for"))
            #expect(home.text.contains("**********"))
            // On the code page, each code says whose it is: theirs first, then each they hold.
            let codes = try await client.get("/code", cookie: cookie, language: "en").text
            #expect(codes.contains("<h2>My health code</h2>") && codes.contains("(held by me)</h2>"))
            // The health code and why, for the proxy and the dependant, with the daily check-in form.
            #expect(home.text.contains("Health code"))
            #expect(home.text.contains("code-green"))
            #expect(home.text.contains("action=\"/checkin\""))
            // The proxy checks in for the 82-year-old with a fever: the dependant turns yellow, and why says so.
            let checkIn = try await client.postForm(
                "/checkin", ["person": "R00000002", "temperature": "38.2", "symptoms[]": "cough"], cookie: cookie)
            #expect(checkIn.status == .seeOther)
            let after = try await client.get(checkIn.headers[.location] ?? "/", cookie: cookie, language: "en")
            #expect(after.text.contains("Checked in"))
            #expect(after.text.contains("code-yellow"))
            #expect(after.text.contains("Symptoms or temperature declared"))
            #expect(try await city.services.store.status(person: "R00000002")?.colour == .yellow)
            #expect(try await city.services.store.checkIns(person: "R00000002", since: .distantPast).first?.by.contains("R00000001") == true)
            // Nobody else's check-in: a resident may not write for a stranger.
            #expect(try await client.postForm("/checkin", ["person": "R00000005", "temperature": "36.5"], cookie: cookie).status == .forbidden)
            // A temperature no person has is refused where it was typed, the symptoms kept, nothing stored.
            let hot = try await client.postForm("/checkin", ["person": "R00000001", "temperature": "99", "symptoms[]": "cough"], cookie: cookie, language: "en")
            let hotPage = try await client.get(try #require(hot.headers[.location]), cookie: cookie, language: "en").text
            #expect(hotPage.contains("Temperature: it must lie between 34 and 43 °C") && hotPage.contains(#"value="99""#))
            #expect(hotPage.contains(#"value="cough" checked"#))
            #expect(try await city.services.store.checkIns(person: "R00000001", since: .distantPast).isEmpty)
            // A resident may not read anyone else.
            #expect(try await client.get("/api/v1/residents/R00000005", cookie: cookie).status == .forbidden)
            // The code was consumed.
            #expect(try await client.postForm("/signin/code", ["phone": phone, "code": String(code)]).status == .unauthorized)
        }
        // The development gateway sends nothing from a store the demo did not make: the code waits.
        let s = city.services
        let dispatcher = OutboxDispatcher(store: s.store, vault: s.vault, settings: s.settings, clock: s.clock, logger: s.logger)
        try? FileManager.default.removeItem(at: s.settings.demoAccountsFile)
        #expect(try await dispatcher.dispatchPending() == 0)
        #expect(try await city.services.store.pendingMessages(limit: 10).count == 1)
        // In the demo's store it sends it once, writes it to outbox-dev.log, and the send is audited.
        try Data("[]".utf8).write(to: s.settings.demoAccountsFile)
        #expect(try await dispatcher.dispatchPending() == 1)
        #expect(try await city.services.store.pendingMessages(limit: 10).isEmpty)
        #expect(try await dispatcher.dispatchPending() == 0)
        let log = try String(contentsOf: city.services.settings.dataDirectory.appendingPathComponent("outbox-dev.log"), encoding: .utf8)
        #expect(log.contains(phone))  // the file is the demo's SMS inbox; the server's log masks the number
        #expect(try await city.services.store.recentAudit(subjectID: nil, limit: 5).contains { $0.event.action == "notify.sms" })
        try await city.close()
    }

    @Test("an unknown phone gets the same answer and no message")
    func unknownPhone() async throws {
        let city = try await TestCity.make(.sqlite, residents: 500)
        try await city.test { client in
            let asked = try await client.postForm("/signin/code-request", ["phone": "19999999999"])
            #expect(asked.status == .ok)
            #expect(try await city.services.store.pendingMessages(limit: 10).isEmpty)
            #expect(try await client.postForm("/signin/code-request", ["phone": "12"]).status == .badRequest)
        }
        try await city.close()
    }

    @Test("wrong passwords are refused and audited; pages without a session redirect to sign-in")
    func wrongPassword() async throws {
        let city = try await TestCity.make(.sqlite, residents: 500)
        try await city.test { client in
            #expect(try await client.postForm("/signin", ["username": "grid", "password": "nope"]).status == .unauthorized)
            let home = try await client.get("/")
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/signin")
            #expect(try await client.get("/api/v1/me").status == .unauthorized)
        }
        let failed = try await city.services.store.recentAudit(subjectID: "grid", limit: 5)
        #expect(failed.contains { $0.event.action == "login.failed" })
        try await city.close()
    }

    @Test("pages follow Accept-Language and the language switch")
    func languages() async throws {
        let city = try await TestCity.make(.sqlite, residents: 500)
        try await city.test { client in
            #expect(try await client.get("/signin", language: "en-GB,en;q=0.9").text.contains("Staff sign-in"))
            #expect(try await client.get("/signin", language: "zh-CN").text.contains("工作人员登录"))
            let switched = try await client.get("/lang/en?back=/signin")
            #expect(switched.status == .seeOther)
            #expect(try await client.get("/signin", cookie: "lang=en", language: "zh-CN").text.contains("Staff sign-in"))
            #expect(try await client.get("/lang/en?back=//evil.example").headers[.location] == "/")
            #expect(try await client.get("/lang/en?back=/%5Cevil.example").headers[.location] == "/")
        }
        try await city.close()
    }

    @Test("asked to sign in on the way to a page, a person lands on that page afterwards; only a path on this site is followed")
    func returnAfterSignIn() async throws {
        let city = try await TestCity.make(.sqlite, residents: 500)
        let grid = try city.account("grid")
        try await city.test { client in
            let asked = try await client.get("/grid?kind=screening&page=2")
            #expect(asked.status == .seeOther)
            let location = try #require(asked.headers[.location])
            #expect(location.hasPrefix("/signin?next="))
            let form = try await client.get(location, language: "en")
            #expect(form.text.contains(#"name="next" value="/grid?kind=screening&amp;page=2""#))
            let signedIn = try await client.postForm("/signin", ["username": grid.username, "password": grid.password ?? "", "next": "/grid?kind=screening&page=2"])
            #expect(signedIn.headers[.location] == "/grid?kind=screening&page=2")
            for evil in ["//evil.example/", "/\\evil.example", "https://evil.example/"] {
                let refused = try await client.postForm("/signin", ["username": grid.username, "password": grid.password ?? "", "next": evil])
                #expect(refused.headers[.location] == "/", "\(evil)")
            }
            // A wrong password keeps where the person was going.
            let wrong = try await client.postForm("/signin", ["username": grid.username, "password": "nope", "next": "/grid"])
            #expect(wrong.text.contains(#"name="next" value="/grid""#))
        }
        try await city.close()
    }
}
