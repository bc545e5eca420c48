import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// A city loaded with `cordon import` alone can go live: the first administrator from the command
/// line, then officers creating the accounts of the areas below them, each with a one-time
/// password changed at the first sign-in. Nobody can hand out more than they hold.
@Suite("Staff administration")
struct StaffAdministrationTests {
    @Test("create-admin on an imported store, a district officer, a grid worker of one of their grids; every step audited", arguments: Backend.available)
    func goLive(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let cli = Principal.commandLine("ops")
        let admin = try await city.services.staff.createAdmin(username: "root", displayName: "系统管理员", as: cli)
        #expect(admin.account.role == .admin && admin.account.jurisdictionID == "3301" && admin.account.mustChangePassword)
        try await city.test { client in
            // The one-time password opens only the password form.
            let first = try await client.postForm("/signin", ["username": "root", "password": admin.password])
            let oneTimeSession = try #require(first.sessionCookie)
            let home = try await client.get("/", cookie: oneTimeSession)
            #expect(home.status == .seeOther && home.headers[.location] == "/account/password")
            #expect(try await client.get("/staff", cookie: oneTimeSession).headers[.location] == "/account/password")
            // Nor does the API open to it.
            #expect(try await client.get("/api/v1/accounts", cookie: oneTimeSession).status == .unauthorized)
            let short = try await client.postForm(
                "/account/password", ["current": admin.password, "new": "short", "confirm": "short"], cookie: BrowserForm.cookies(oneTimeSession), language: "en")
            #expect(short.status == .seeOther && short.headers[.location]?.contains("at%20least%2010") == true)
            let rootSession = try await client.signInFirstTime("root", oneTime: admin.password, newPassword: "harbour-lantern-42")
            #expect(try await client.get("/", cookie: rootSession).status == .ok)
            // The one-time password works no more.
            #expect(try await client.postForm("/signin", ["username": "root", "password": admin.password]).sessionCookie == nil)

            // The administrator creates a district officer on the staff page; the password is shown once.
            let created = try await client.postForm(
                "/staff", ["username": "shangcheng.chen", "displayName": "陈主任", "role": "district-officer", "area": "上城区", "phone": "13900000001"],
                cookie: BrowserForm.cookies(rootSession))
            #expect(created.status == .ok && created.headers[.cacheControl] == "no-store")
            let officerPassword = try shownSecret(created.text)
            let officer = try await client.signInFirstTime("shangcheng.chen", oneTime: officerPassword, newPassword: "west-lake-morning-7")

            // The officer sees the accounts below them and creates a grid worker for one of their grids.
            let list = try await client.get("/staff", cookie: officer, language: "zh")
            #expect(list.status == .ok && list.text.contains("陈主任") && !list.text.contains("系统管理员"))
            let gridWorker = try await client.postForm(
                "/staff", ["username": "dongpo.wang", "displayName": "王网格", "role": "grid-worker", "area": "G-DP-1", "phone": "13900000002"],
                cookie: BrowserForm.cookies(officer))
            let workerPassword = try shownSecret(gridWorker.text)
            let worker = try await client.signInFirstTime("dongpo.wang", oneTime: workerPassword, newPassword: "dongpo-grid-one-1")
            #expect(try await client.get("/grid", cookie: worker).status == .ok)
            // Not theirs: the officer manages neither their superiors nor themselves.
            #expect(try await client.postForm("/staff/root/disable", [:], cookie: BrowserForm.cookies(officer)).headers[.location]?.contains("problem=") == true)
            #expect(try await client.postForm("/staff/shangcheng.chen/disable", [:], cookie: BrowserForm.cookies(officer)).headers[.location]?.contains("problem=") == true)
            // The grid worker may not manage accounts at all.
            #expect(try await client.get("/staff", cookie: worker).status == .forbidden)

            // Disabled, the grid worker's session ends at once.
            #expect(try await client.postForm("/staff/dongpo.wang/disable", [:], cookie: BrowserForm.cookies(officer)).status == .seeOther)
            #expect(try await client.get("/grid", cookie: worker).status == .seeOther)
            // A reset gives a new one-time password; the account signs in with it and must change it again.
            #expect(try await client.postForm("/staff/dongpo.wang/enable", [:], cookie: BrowserForm.cookies(officer)).status == .seeOther)
            let reset = try shownSecret(try await client.postForm("/staff/dongpo.wang/reset-password", [:], cookie: BrowserForm.cookies(officer)).text)
            #expect(try await client.postForm("/signin", ["username": "dongpo.wang", "password": "dongpo-grid-one-1"]).sessionCookie == nil)
            let again = try #require(try await client.postForm("/signin", ["username": "dongpo.wang", "password": reset]).sessionCookie)
            #expect(try await client.get("/grid", cookie: again).headers[.location] == "/account/password")
        }
        let store = city.services.store
        let actions = try await store.recentAudit(subjectID: "acct-dongpo.wang", limit: 20).map(\.event.action)
        for action in ["account.create", "account.assign", "account.password-change", "account.disable", "account.enable", "account.password-reset"] {
            #expect(actions.contains(action), "\(action) audited")
        }
        #expect(try await store.recentAudit(subjectID: "acct-root", limit: 5).contains { $0.event.actor == "cli:ops" && $0.event.action == "account.create" })
        try await city.close()
    }

    @Test("refusals name the field: above the officer's area, a role not beneath theirs, another district, a wrong level, a taken name", arguments: Backend.available)
    func refusals(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let staff = city.services.staff
        let cli = Principal.commandLine("ops")
        let officerAccount = try await staff.create(.init(username: "chen", displayName: "陈主任", role: "district-officer", area: "330102"), as: cli).account
        var officer = Principal(staff: officerAccount)
        officer.mustChangePassword = false
        func refusal(_ draft: StaffAdministration.StaffDraft) async -> StaffProblem? {
            do {
                _ = try await staff.create(draft, as: officer)
                return nil
            } catch {
                return error as? StaffProblem
            }
        }
        // Their own district (not below it), the city above it, another district.
        #expect(await refusal(.init(username: "acc1", displayName: "x", role: "street-officer", area: "330102")) == .refused(.areaNotBelow(areaID: "330102")))
        #expect(await refusal(.init(username: "acc2", displayName: "x", role: "community-officer", area: "330102001")) == .refused(.wrongLevel(role: .communityOfficer, level: .street)))
        #expect(await refusal(.init(username: "acc3", displayName: "x", role: "grid-worker", area: "G-BS-1")) == .refused(.areaNotBelow(areaID: "G-BS-1")))
        #expect(await refusal(.init(username: "acc4", displayName: "x", role: "command-centre", area: "330102001")) == .refused(.roleNotBeneath(actor: .districtOfficer, asked: .commandCentre)))
        #expect(await refusal(.init(username: "acc5", displayName: "x", role: "district-officer", area: "330102001")) == .refused(.roleNotBeneath(actor: .districtOfficer, asked: .districtOfficer)))
        #expect(await refusal(.init(username: "acc6", displayName: "x", role: "grid-worker", area: "330102001001")) == .refused(.wrongLevel(role: .gridWorker, level: .community)))
        #expect(await refusal(.init(username: "acc7", displayName: "x", role: "resident", area: "G-DP-1")) == .unknownRole("resident"))
        #expect(await refusal(.init(username: "A8", displayName: "x", role: "grid-worker", area: "G-DP-1")) == .invalidUsername("A8"))
        #expect(await refusal(.init(username: "acc9", displayName: " ", role: "grid-worker", area: "G-DP-1")) == .missingDisplayName)
        #expect(await refusal(.init(username: "acc10", displayName: "x", role: "grid-worker", area: "nowhere")) == .unknownArea("nowhere"))
        #expect(await refusal(.init(username: "acc11", displayName: "x", role: "grid-worker", area: "G-DP-1", phone: "12345")) == .badPhone("12345"))
        #expect(await refusal(.init(username: "chen", displayName: "x", role: "grid-worker", area: "G-DP-1")) == .usernameTaken("chen"))
        #expect(await refusal(.init(username: "acc12", displayName: "x", role: "grid-worker", area: "G-DP-1")) == nil)
        // Refusals of rank and place are audited as denied attempts.
        #expect(try await city.services.store.recentAudit(subjectID: "acc4", limit: 5).contains { $0.event.action == "access.denied" })

        // On the page: the refusal in the reader's language, naming the field, with what was typed kept.
        let password = try await staff.resetPassword(username: "chen", as: cli)
        try await city.test { client in
            let session = try await client.signInFirstTime("chen", oneTime: password, newPassword: "shangcheng-office-9")
            let refused = try await client.postForm(
                "/staff", ["username": "wu.bs", "displayName": "吴网格", "role": "grid-worker", "area": "G-BS-1"], cookie: BrowserForm.cookies(session))
            let location = try #require(refused.headers[.location])
            let page = try await client.get(location, cookie: session, language: "zh")
            #expect(page.text.contains("负责区域：G-BS-1 不在您所辖区域之下") && page.text.contains("value=\"吴网格\"") && page.text.contains("value=\"wu.bs\""))
        }
        try await city.close()
    }

    @Test("bulk import from CSV: line-numbered refusals, the good lines load, a second run changes nothing", arguments: Backend.available)
    func bulkImport(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let staff = city.services.staff
        let cli = Principal.commandLine("ops")
        let csv = """
            username,displayName,role,area,phone
            dp.one,东坡一网格员,grid-worker,G-DP-1,13900000011
            dp.two,东坡二网格员,grid-worker,G-DP-2,
            bad.role,某人,gridworker,G-DP-1,
            bad.phone,某人,grid-worker,G-DP-1,123
            ,无名,grid-worker,G-DP-1,
            hubin.street,湖滨街道干部,street-officer,330102001,

            """
        let first = try await staff.importStaff(Array(csv.utf8), as: cli)
        #expect(first.created.map(\.account.username) == ["dp.one", "dp.two", "hubin.street"])
        #expect(first.problems.map(\.line) == [4, 5, 6] && first.problems.map(\.field) == ["role", "phone", "username"])
        #expect(first.created.allSatisfy { $0.account.mustChangePassword && $0.password.count == 17 })
        let second = try await staff.importStaff(Array(csv.utf8), as: cli)
        #expect(second.created.isEmpty && second.updated.isEmpty && second.unchanged == 3 && second.problems.count == 3)
        // A changed line updates that account (a move is added to its history).
        let moved = csv.replacingOccurrences(of: "dp.two,东坡二网格员,grid-worker,G-DP-2,", with: "dp.two,东坡二网格员,grid-worker,G-DP-1,")
        let third = try await staff.importStaff(Array(moved.utf8), as: cli)
        #expect(third.updated == ["dp.two"] && third.unchanged == 2)
        #expect(try await city.services.store.account(username: "dp.two")?.jurisdictionID == "G-DP-1")
        #expect(try await city.services.store.assignments(accountID: "acct-dp.two").count == 2)

        // An officer's import is held to their rules line by line.
        let streetOfficer = Principal(staff: try #require(try await city.services.store.account(username: "hubin.street")))
        let theirs = try await staff.importStaff(Array("username,displayName,role,area\nx.grid,某,grid-worker,G-BS-1\ny.grid,某,grid-worker,G-DP-2\n".utf8), as: streetOfficer)
        #expect(theirs.created.map(\.account.username) == ["y.grid"] && theirs.problems.map(\.field) == ["area"])

        // The page shows the new passwords once and the refused lines with their numbers.
        let password = try await staff.resetPassword(username: "hubin.street", as: cli)
        try await city.test { client in
            let session = try await client.signInFirstTime("hubin.street", oneTime: password, newPassword: "hubin-street-office")
            let page = try await client.postForm(
                "/staff/import", ["csv": "username,displayName,role,area\nz.grid,赵网格,grid-worker,G-DP-2\nq.grid,钱,grid-worker,nowhere\n"],
                cookie: BrowserForm.cookies(session), language: "zh")
            #expect(page.status == .ok && page.text.contains("z.grid") && page.text.contains("第 3 行") && page.text.contains("area"), "\(page.text)")
        }
        try await city.close()
    }
}

/// The same administration over the API: a district officer's token creates a grid worker below
/// them (the one-time password in the answer), is refused above, lists, disables and resets.
@Suite("Staff administration API")
struct StaffAdministrationAPITests {
    @Test("an officer's token lists, creates (one-time password once), disables and resets accounts within the rules", arguments: Backend.available)
    func api(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let cli = Principal.commandLine("ops")
        _ = try await city.services.staff.create(.init(username: "chen", displayName: "陈主任", role: "district-officer", area: "330102"), as: cli)
        let token = try await city.services.staff.createToken(username: "chen", label: "hr system", scopes: [], areaID: nil, expiresInDays: nil, as: cli).secret
        try await city.test { client in
            func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws -> TestResponse {
                try await client.execute(
                    uri: uri, method: method, headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
                    body: body.map { ByteBuffer(string: $0) })
            }
            let created = try await call(.post, "/api/v1/accounts", #"{"username":"dongpo.wang","displayName":"王网格","role":"grid-worker","area":"G-DP-1"}"#)
            #expect(created.status == .created)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: String]
            #expect(json?["username"] == "dongpo.wang" && json?["password"]?.count == 17)
            #expect(try await call(.post, "/api/v1/accounts", #"{"username":"dongpo.wang","displayName":"x","role":"grid-worker","area":"G-DP-1"}"#).status == .conflict)
            let above = try await call(.post, "/api/v1/accounts", #"{"username":"hq.li","displayName":"x","role":"command-centre","area":"3301"}"#)
            #expect(above.status == .forbidden && String(buffer: above.body).contains("may not manage command-centre"))
            let elsewhere = try await call(.post, "/api/v1/accounts", #"{"username":"bs.zhou","displayName":"x","role":"grid-worker","area":"G-BS-1"}"#)
            #expect(elsewhere.status == .forbidden)
            #expect(try await call(.get, "/api/v1/accounts?page=0").status == .badRequest)
            #expect(try await call(.get, "/api/v1/accounts?q=" + String(repeating: "x", count: 65)).status == .badRequest)
            let list = try await call(.get, "/api/v1/accounts?q=dongpo")
            #expect(list.status == .ok && String(buffer: list.body).contains(#""total":1"#))
            let disabled = try await call(.post, "/api/v1/accounts/dongpo.wang/disable")
            #expect(disabled.status == .ok && String(buffer: disabled.body).contains(#""disabled":true"#))
            #expect(try await call(.post, "/api/v1/accounts/dongpo.wang/password-reset").status == .ok)
            #expect(try await call(.post, "/api/v1/accounts/nobody/password-reset").status == .notFound)
        }
        try await city.close()
    }
}
