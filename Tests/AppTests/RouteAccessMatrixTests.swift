@testable import App
import Domain
import Foundation
import Hummingbird
import Prometheus
import HummingbirdTesting
import Testing
import TestSupport

/// Every route of the router (pages and API) against every role of DESIGN §2 and an anonymous
/// visitor, on a demo city, with the status each must get. A route missing from the matrix fails
/// the test, so no route ships without an access decision; a refused attempt on a person's record
/// must leave an `access.denied` entry in the audit log.
///
/// Requests that change things carry a body that the permitted roles get refused *for its content*
/// (a missing reason, an unknown verdict), so the same request can be sent by every role in turn.
@Suite("Route × role access matrix")
struct RouteAccessMatrixTests {
    /// Who sends the request. `grid2` is a grid worker of another district: the jurisdiction case.
    enum Who: String, CaseIterable, CustomStringConvertible {
        case anonymous, resident, proxy, checkpoint, grid, grid2, community, street, district, epi, command, feed, admin, enterprise, pharmacy, ledger
        var description: String { rawValue }
    }

    static let everyone = Set(Who.allCases)
    static let signedIn = everyone.subtracting([.anonymous])
    /// Staff who may read and write the people of the first grid (grid2 works elsewhere; admins never).
    static let peopleStaff: Set<Who> = [.grid, .community, .street, .district, .epi, .command]
    static let gridStaff: Set<Who> = [.grid, .grid2, .community, .street, .district, .command]
    static let officers: Set<Who> = [.community, .street, .district, .command]
    /// Staff who sign in to pages with a password (the feed holds only tokens).
    static let staffWithPasswords: Set<Who> = signedIn.subtracting([.resident, .proxy])

    enum Body {
        case none
        case form([String: String])
        case json(String)
        case ndjson(String)
    }

    struct Entry {
        var method: HTTPRequest.Method
        /// The route as the router names it (`/areas/{id}`).
        var route: String
        /// The request sent (the route with real ids).
        var uri: String
        var body: Body = .none
        /// Who gets `okStatus`; everyone else signed in gets 403. Anonymous visitors are sent to
        /// sign in (303 on pages, 401 on the API) unless they are in `allowed`.
        var allowed: Set<Who>
        var okStatus: Int = 200
        /// Whom the request reads or acts for: a refusal must be audited against it.
        var person: String? = nil
        var api: Bool { route.hasPrefix("/api/") }

        func expected(_ who: Who) -> Int {
            if allowed.contains(who) { return okStatus }
            if who == .anonymous { return api ? 401 : 303 }
            return 403
        }
    }

    /// The ids the requests name, taken from the demo city.
    struct Fixture {
        var grid: Area
        var person = "R00000002"  // the proxy's dependant, in the first grid
        var household: String
        var caseID: String
        var appeal: String
        var override: String
        var task: String
        var gate: String
        var shift: String
    }

    static func matrix(_ f: Fixture) -> [Entry] {
        let person = f.person
        let pageReaders: Set<Who> = peopleStaff.union([.proxy])
        return [
            // Infrastructure and sign-in: open to all.
            Entry(method: .get, route: "/metrics", uri: "/metrics", allowed: everyone),
            Entry(method: .get, route: "/livez", uri: "/livez", allowed: everyone),
            Entry(method: .get, route: "/favicon.ico", uri: "/favicon.ico", allowed: everyone),
            Entry(method: .get, route: "/search", uri: "/search?q=%E5%BC%A0", allowed: gridStaff.union([.epi])),
            Entry(method: .get, route: "/healthz", uri: "/healthz", allowed: everyone),
            Entry(method: .get, route: "/openapi.yaml", uri: "/openapi.yaml", allowed: everyone),
            Entry(method: .get, route: "/signin", uri: "/signin", allowed: everyone),
            Entry(method: .post, route: "/signin", uri: "/signin", body: .form(["username": "nobody", "password": "wrong"]), allowed: everyone, okStatus: 401),
            Entry(method: .post, route: "/signin/code-request", uri: "/signin/code-request", body: .form(["phone": "12"]), allowed: everyone, okStatus: 400),
            Entry(method: .post, route: "/signin/code", uri: "/signin/code", body: .form(["phone": "12", "code": "1"]), allowed: everyone, okStatus: 400),
            // Without a half-finished sign-in (its own cookie), the second-factor form sends everyone back to the password.
            Entry(method: .get, route: "/signin/second-factor", uri: "/signin/second-factor", allowed: everyone, okStatus: 401),
            Entry(
                method: .post, route: "/signin/second-factor", uri: "/signin/second-factor", body: .form(["code": "123456"]), allowed: everyone,
                okStatus: 401),
            Entry(method: .get, route: "/lang/{code}", uri: "/lang/en", allowed: everyone, okStatus: 303),
            // Sent last, and without the session it would end (see `run`).
            Entry(method: .post, route: "/signout", uri: "/signout", allowed: everyone, okStatus: 303),

            // Public information.
            Entry(method: .get, route: "/public", uri: "/public", allowed: everyone),
            Entry(method: .get, route: "/public/cases", uri: "/public/cases", allowed: everyone),
            Entry(method: .get, route: "/public/map", uri: "/public/map", allowed: everyone),
            Entry(method: .get, route: "/public/near", uri: "/public/near", allowed: everyone),
            Entry(method: .get, route: "/public/risk-areas", uri: "/public/risk-areas", allowed: everyone),
            Entry(method: .get, route: "/public/bulletin/{day}", uri: "/public/bulletin/2020-01-01", allowed: everyone),
            Entry(method: .get, route: "/public/rumours", uri: "/public/rumours", allowed: everyone),
            Entry(method: .get, route: "/public/notices", uri: "/public/notices", allowed: everyone),
            Entry(method: .get, route: "/public/feed.atom", uri: "/public/feed.atom", allowed: everyone),
            Entry(method: .get, route: "/api/v1/trust-list", uri: "/api/v1/trust-list", allowed: everyone),

            // Home, areas, people.
            Entry(method: .get, route: "/", uri: "/", allowed: signedIn),
            Entry(method: .get, route: "/api/v1/me", uri: "/api/v1/me", allowed: signedIn),
            Entry(method: .get, route: "/areas/{id}", uri: "/areas/\(f.grid.id)", allowed: [.checkpoint, .grid, .community, .street, .district, .epi, .command, .admin]),
            Entry(method: .get, route: "/api/v1/areas/{id}", uri: "/api/v1/areas/\(f.grid.id)", allowed: [.checkpoint, .grid, .community, .street, .district, .epi, .command, .admin]),
            Entry(method: .get, route: "/api/v1/areas/{id}/residents", uri: "/api/v1/areas/\(f.grid.id)/residents", allowed: peopleStaff),
            Entry(method: .get, route: "/people/{id}", uri: "/people/\(person)", allowed: pageReaders, person: person),
            Entry(method: .get, route: "/api/v1/residents/{id}", uri: "/api/v1/residents/\(person)", allowed: pageReaders, person: person),
            Entry(method: .get, route: "/api/v1/residents/{id}/status", uri: "/api/v1/residents/\(person)/status", allowed: pageReaders, person: person),
            Entry(method: .get, route: "/households/{id}", uri: "/households/\(f.household)", allowed: peopleStaff, person: f.household),

            // What residents and proxies do, also staff of the area for them; never admins.
            Entry(method: .post, route: "/declare", uri: "/declare", body: .form(["person": person]), allowed: pageReaders, okStatus: 303, person: person),
            Entry(method: .post, route: "/checkin", uri: "/checkin", body: .form(["person": person, "temperature": "99"]), allowed: pageReaders, okStatus: 303, person: person),
            Entry(
                method: .post, route: "/appeals", uri: "/appeals", body: .form(["person": person, "fact": "other", "reason": "x"]), allowed: pageReaders, okStatus: 303,
                person: person),
            Entry(
                method: .post, route: "/api/v1/appeals", uri: "/api/v1/appeals", body: .json(#"{"person":"\#(person)","factKind":"other","reason":"x"}"#),
                allowed: pageReaders, okStatus: 400, person: person),
            Entry(method: .get, route: "/code", uri: "/code", allowed: [.resident, .proxy]),
            Entry(method: .post, route: "/code/paper/{person}", uri: "/code/paper/\(person)", allowed: [.proxy, .grid, .community, .street, .district, .command], person: person),

            // Cases and tracing.
            Entry(method: .get, route: "/cases", uri: "/cases", allowed: [.epi, .command]),
            Entry(method: .get, route: "/api/v1/cases", uri: "/api/v1/cases", allowed: [.epi, .command]),
            Entry(method: .get, route: "/cases/{id}", uri: "/cases/\(f.caseID)", allowed: [.epi, .command], person: f.caseID),
            Entry(method: .get, route: "/api/v1/cases/{id}/contacts", uri: "/api/v1/cases/\(f.caseID)/contacts", allowed: [.epi, .command], person: f.caseID),
            Entry(method: .post, route: "/cases/{id}/edit", uri: "/cases/\(f.caseID)/edit", body: .form(["status": "nonsense"]), allowed: [.epi, .command], okStatus: 400,
                person: f.caseID),
            Entry(
                method: .post, route: "/api/v1/cases/{id}", uri: "/api/v1/cases/\(f.caseID)",
                body: .json(#"{"status":"confirmed","onset":"2026-01-02T00:00:00Z","isolatedAt":"2026-01-01T00:00:00Z"}"#), allowed: [.epi, .command], okStatus: 400,
                person: f.caseID),
            Entry(method: .get, route: "/profile", uri: "/profile", allowed: [.epi, .command]),
            Entry(method: .post, route: "/profile", uri: "/profile", body: .form(["text": "not json"]), allowed: [.epi, .command], okStatus: 400),
            Entry(method: .get, route: "/risk-areas", uri: "/risk-areas", allowed: gridStaff.union([.epi])),
            Entry(method: .get, route: "/disclosures", uri: "/disclosures", allowed: [.epi, .command]),
            Entry(method: .post, route: "/disclosures/draft", uri: "/disclosures/draft", allowed: [.epi, .command], okStatus: 303),
            Entry(method: .post, route: "/disclosures/{id}/approve", uri: "/disclosures/NO-SUCH-DRAFT/approve", allowed: [.epi, .command], okStatus: 404),
            Entry(method: .post, route: "/disclosures/{id}/edit", uri: "/disclosures/NO-SUCH-DRAFT/edit", body: .form(["compound": "x"]), allowed: [.epi, .command], okStatus: 404),
            Entry(method: .post, route: "/disclosures/{id}/reject", uri: "/disclosures/NO-SUCH-DRAFT/reject", body: .form(["reason": "x"]), allowed: [.epi, .command], okStatus: 404),
            Entry(method: .get, route: "/publish", uri: "/publish", allowed: [.command]),
            // Refused at the form (400), as typed: nothing published.
            Entry(method: .post, route: "/publish", uri: "/publish", body: .form(["kind": "nonsense", "titleZh": "", "bodyZh": ""]), allowed: [.command], okStatus: 400),

            // Appeals and manual colours.
            Entry(method: .get, route: "/appeals", uri: "/appeals", allowed: [.street, .district, .epi, .command]),
            Entry(method: .get, route: "/api/v1/appeals", uri: "/api/v1/appeals", allowed: [.street, .district, .epi, .command]),
            Entry(
                method: .post, route: "/appeals/{id}/decision", uri: "/appeals/\(f.appeal)/decision", body: .form(["verdict": "uphold", "decision": ""]),
                allowed: [.street, .district, .epi, .command], okStatus: 303),
            Entry(
                method: .post, route: "/api/v1/appeals/{id}/decision", uri: "/api/v1/appeals/\(f.appeal)/decision", body: .json(#"{"uphold":true,"decision":""}"#),
                allowed: [.street, .district, .epi, .command], okStatus: 400),
            Entry(method: .get, route: "/overrides", uri: "/overrides", allowed: [.district, .epi, .command]),
            Entry(
                method: .post, route: "/overrides", uri: "/overrides", body: .form(["person": person, "colour": "purple", "legalBasis": "", "until": ""]),
                allowed: [.district, .epi, .command], okStatus: 303, person: person),
            Entry(
                method: .post, route: "/api/v1/overrides", uri: "/api/v1/overrides",
                body: .json(#"{"person":"\#(person)","colour":"red","legalBasis":"","until":"2020-01-01T00:00:00Z"}"#), allowed: [.district, .epi, .command], okStatus: 400),
            Entry(
                method: .post, route: "/overrides/{id}/decision", uri: "/overrides/\(f.override)/decision", body: .form(["verdict": "maybe", "decision": ""]),
                allowed: [.district, .command], okStatus: 303, person: f.override),
            Entry(
                method: .post, route: "/api/v1/overrides/{id}/decision", uri: "/api/v1/overrides/NO-SUCH-REQUEST/decision", body: .json(#"{"approve":false}"#),
                allowed: [.district, .command], okStatus: 404),

            // Grid work.
            Entry(method: .get, route: "/grid", uri: "/grid", allowed: gridStaff),
            Entry(method: .post, route: "/grid/tasks/{id}", uri: "/grid/tasks/\(f.task)", body: .form(["state": "in-progress"]), allowed: [.grid, .community, .street, .district, .command], okStatus: 303),
            Entry(method: .post, route: "/grid/tasks", uri: "/grid/tasks", body: .form(["grid": f.grid.id, "note": "matrix", "dueHours": "24"]), allowed: officers, okStatus: 303),
            Entry(method: .get, route: "/households/{id}/visit", uri: "/households/\(f.household)/visit", allowed: peopleStaff, person: f.household),
            Entry(method: .post, route: "/households/{id}/visit", uri: "/households/\(f.household)/visit", body: .form(["nothing": ""]), allowed: peopleStaff, okStatus: 303, person: f.household),
            Entry(method: .get, route: "/grid/quarantine", uri: "/grid/quarantine", allowed: gridStaff),
            Entry(method: .post, route: "/grid/quarantine/{person}", uri: "/grid/quarantine/\(person)", body: .form(["outcome": "bogus"]), allowed: gridStaff, okStatus: 400, person: person),
            Entry(method: .get, route: "/reports", uri: "/reports", allowed: gridStaff.union([.admin])),
            Entry(method: .post, route: "/reports", uri: "/reports", body: .form(["grid": f.grid.id, "day": "not-a-day"]), allowed: gridStaff, okStatus: 303),
            Entry(method: .get, route: "/reports/completeness.csv", uri: "/reports/completeness.csv", allowed: gridStaff.union([.admin])),
            Entry(method: .get, route: "/rosters", uri: "/rosters", allowed: gridStaff),
            Entry(method: .post, route: "/rosters", uri: "/rosters", body: .form(["place": f.gate, "from": "x", "to": "y", "staff": ""]), allowed: gridStaff, okStatus: 303),
            Entry(method: .post, route: "/rosters/{id}/{mark}", uri: "/rosters/\(f.shift)/bogus", allowed: gridStaff, okStatus: 404),
            // Staff administration: officers below their area, administrators; tokens: administrators.
            Entry(method: .get, route: "/staff", uri: "/staff", allowed: officers.union([.admin])),
            Entry(method: .post, route: "/staff", uri: "/staff", body: .form(["username": "X", "displayName": "x", "role": "grid-worker", "area": "nowhere"]), allowed: officers.union([.admin]), okStatus: 303),
            Entry(method: .post, route: "/staff/import", uri: "/staff/import", body: .form(["csv": "username,displayName,role,area\n"]), allowed: officers.union([.admin])),
            Entry(method: .get, route: "/staff/{username}", uri: "/staff/grid", allowed: officers.union([.admin])),
            Entry(method: .post, route: "/staff/{username}", uri: "/staff/grid", body: .form(["displayName": " ", "role": "grid-worker", "area": "x"]), allowed: officers.union([.admin]), okStatus: 303),
            Entry(method: .post, route: "/staff/{username}/disable", uri: "/staff/nobody/disable", allowed: officers.union([.admin]), okStatus: 303),
            Entry(method: .post, route: "/staff/{username}/enable", uri: "/staff/nobody/enable", allowed: officers.union([.admin]), okStatus: 303),
            Entry(method: .post, route: "/staff/{username}/reset-password", uri: "/staff/nobody/reset-password", allowed: officers.union([.admin]), okStatus: 303),
            Entry(method: .post, route: "/staff/{username}/tokens", uri: "/staff/nobody/tokens", body: .form(["label": "x"]), allowed: [.admin], okStatus: 303),
            Entry(method: .post, route: "/staff/{username}/tokens/{hash}/revoke", uri: "/staff/nobody/tokens/00/revoke", allowed: [.admin], okStatus: 303),
            Entry(method: .get, route: "/account/password", uri: "/account/password", allowed: staffWithPasswords),
            Entry(method: .post, route: "/account/password", uri: "/account/password", body: .form(["current": "wrong", "new": "x", "confirm": "x"]), allowed: staffWithPasswords, okStatus: 303),
            // The audit log (command centre, administrators) and the keys (administrators).
            Entry(method: .get, route: "/audit", uri: "/audit", allowed: [.command, .admin]),
            Entry(method: .get, route: "/feeds", uri: "/feeds", allowed: [.command, .admin]),
            // The dashboard: officers and the command centre, each their own area by default.
            Entry(method: .get, route: "/dashboard", uri: "/dashboard", allowed: officers),
            Entry(method: .get, route: "/dashboard/data", uri: "/dashboard/data", allowed: officers),
            Entry(method: .get, route: "/dashboard/areas.geojson", uri: "/dashboard/areas.geojson", allowed: officers),
            // The arrivals list: staff who may read people, in their jurisdiction (residents have none).
            Entry(method: .get, route: "/arrivals", uri: "/arrivals", allowed: officers.union([.grid, .grid2, .epi])),
            Entry(method: .get, route: "/arrivals.csv", uri: "/arrivals.csv", allowed: officers.union([.grid, .grid2, .epi])),
            // Directives: officers send; grid workers and officers read and acknowledge those sent to their area.
            Entry(method: .get, route: "/directives", uri: "/directives", allowed: officers.union([.grid, .grid2])),
            Entry(method: .post, route: "/directives", uri: "/directives", body: .form(["text": "", "deadline": "", "downTo": "grid"]), allowed: officers, okStatus: 400),
            Entry(method: .get, route: "/directives/{id}", uri: "/directives/DIR-none", allowed: officers.union([.grid, .grid2]), okStatus: 404),
            Entry(method: .post, route: "/directives/{id}/acknowledge", uri: "/directives/DIR-none/acknowledge", allowed: officers.union([.grid, .grid2]), okStatus: 404),
            Entry(method: .get, route: "/enterprises", uri: "/enterprises", allowed: officers),
            Entry(method: .post, route: "/enterprises", uri: "/enterprises", body: .form(["name": ""]), allowed: officers, okStatus: 400),
            Entry(method: .get, route: "/enterprises/{id}", uri: "/enterprises/ENT-none", allowed: officers, okStatus: 404),
            Entry(method: .post, route: "/enterprises/{id}/decision", uri: "/enterprises/ENT-none/decision", body: .form(["decision": "approve"]), allowed: [.district, .command], okStatus: 404),
            Entry(method: .get, route: "/enterprise-registration", uri: "/enterprise-registration", allowed: everyone),
            Entry(method: .post, route: "/enterprise-registration", uri: "/enterprise-registration", body: .form(["name": ""]), allowed: everyone, okStatus: 400),
            // The demo enterprise's manager.
            Entry(method: .get, route: "/employees", uri: "/employees", allowed: [.enterprise]),
            Entry(method: .post, route: "/employees", uri: "/employees", body: .form(["csv": "idNumber,phone"]), allowed: [.enterprise]),
            Entry(method: .get, route: "/return-to-work", uri: "/return-to-work", allowed: officers.union([.enterprise])),
            Entry(method: .post, route: "/return-to-work", uri: "/return-to-work", body: .form(["headcount": "x"]), allowed: [.enterprise], okStatus: 400),
            Entry(method: .get, route: "/return-to-work/{id}", uri: "/return-to-work/RTW-none", allowed: officers.union([.enterprise]), okStatus: 404),
            Entry(method: .post, route: "/return-to-work/{id}/decision", uri: "/return-to-work/RTW-none/decision", body: .form(["decision": "approve"]), allowed: [.district, .command], okStatus: 404),
            Entry(method: .post, route: "/return-to-work/{id}/revoke", uri: "/return-to-work/RTW-none/revoke", body: .form(["reason": "x"]), allowed: [.district, .command], okStatus: 404),
            Entry(method: .post, route: "/return-to-work/{id}/certificate", uri: "/return-to-work/RTW-none/certificate", allowed: officers.union([.enterprise]), okStatus: 404),
            Entry(method: .post, route: "/enterprise-accounts", uri: "/enterprise-accounts", body: .form(["username": "X Y"]), allowed: [.enterprise], okStatus: 400),
            Entry(method: .get, route: "/staff-report", uri: "/staff-report", allowed: [.enterprise]),
            Entry(method: .post, route: "/staff-report", uri: "/staff-report", body: .form(["present": "x"]), allowed: [.enterprise], okStatus: 400),
            Entry(method: .get, route: "/trips", uri: "/trips", allowed: [.enterprise]),
            Entry(method: .post, route: "/trips", uri: "/trips", body: .form(["origin": "x"]), allowed: [.enterprise], okStatus: 400),
            Entry(method: .get, route: "/force-majeure", uri: "/force-majeure", allowed: officers.union([.enterprise])),
            Entry(method: .post, route: "/force-majeure", uri: "/force-majeure", body: .form(["reason": ""]), allowed: [.enterprise], okStatus: 400),
            Entry(method: .post, route: "/force-majeure/{id}/decision", uri: "/force-majeure/FM-none/decision", body: .form(["decision": "issue"]), allowed: [.district, .command], okStatus: 404),
            Entry(method: .post, route: "/force-majeure/{id}/certificate", uri: "/force-majeure/FM-none/certificate", allowed: officers.union([.enterprise]), okStatus: 404),
            // Supplies: public pages; residents book; the pharmacy keeps stock and hands out; officers run rounds and shipments; the ledger office.
            Entry(method: .get, route: "/public/pharmacies", uri: "/public/pharmacies", allowed: everyone),
            Entry(method: .get, route: "/public/mask-rounds", uri: "/public/mask-rounds", allowed: everyone),
            Entry(method: .get, route: "/public/mask-rounds/{id}", uri: "/public/mask-rounds/MR-none", allowed: everyone, okStatus: 404),
            Entry(method: .get, route: "/public/donations", uri: "/public/donations", allowed: everyone),
            Entry(method: .get, route: "/masks", uri: "/masks", allowed: [.resident, .proxy]),
            Entry(method: .post, route: "/masks/enter", uri: "/masks/enter", body: .form(["round": "MR-none", "person": person]), allowed: [.resident, .proxy], okStatus: 404),
            Entry(method: .post, route: "/masks/{allocation}/code", uri: "/masks/PU-none/code", allowed: [.resident, .proxy], okStatus: 404),
            Entry(method: .get, route: "/pharmacy", uri: "/pharmacy", allowed: [.pharmacy]),
            Entry(method: .post, route: "/pharmacy/stock", uri: "/pharmacy/stock", body: .form(["units_adult-mask": "x"]), allowed: [.pharmacy], okStatus: 400),
            Entry(method: .post, route: "/pharmacy/scan", uri: "/pharmacy/scan", body: .form(["code": "x"]), allowed: [.pharmacy], okStatus: 400),
            Entry(method: .put, route: "/api/v1/pharmacies/{id}/stock", uri: "/api/v1/pharmacies/PH-none/stock", body: .json(#"{"stock":{"adult-mask":1}}"#), allowed: [.feed, .pharmacy], okStatus: 404),
            Entry(method: .get, route: "/supplies", uri: "/supplies", allowed: officers),
            Entry(method: .post, route: "/supplies/pharmacies/{id}/account", uri: "/supplies/pharmacies/PH-none/account", body: .form(["username": "x"]), allowed: [.district, .command], okStatus: 400),
            Entry(method: .post, route: "/supplies/rounds", uri: "/supplies/rounds", body: .form(["product": ""]), allowed: [.district, .command], okStatus: 400),
            Entry(method: .post, route: "/supplies/rounds/{id}/draw", uri: "/supplies/rounds/MR-none/draw", allowed: [.district, .command], okStatus: 404),
            Entry(method: .post, route: "/supplies/priority", uri: "/supplies/priority", body: .form(["idNumbers": ""]), allowed: [.district, .command]),
            Entry(method: .post, route: "/supplies/shipments", uri: "/supplies/shipments", body: .form(["item": ""]), allowed: officers, okStatus: 400),
            Entry(method: .post, route: "/supplies/shipments/{id}/receive", uri: "/supplies/shipments/SH-none/receive", allowed: officers, okStatus: 404),
            Entry(method: .get, route: "/ledger", uri: "/ledger", allowed: [.command, .ledger]),
            Entry(method: .post, route: "/ledger", uri: "/ledger", body: .form(["kind": "x"]), allowed: [.command, .ledger], okStatus: 400),
            Entry(method: .post, route: "/ledger/{id}/approve", uri: "/ledger/LD-none/approve", allowed: [.command, .ledger], okStatus: 404),
            Entry(method: .post, route: "/ledger/{id}/reject", uri: "/ledger/LD-none/reject", allowed: [.command, .ledger], okStatus: 404),
            Entry(method: .post, route: "/employment/{enterprise}/answer", uri: "/employment/ENT-none/answer", body: .form(["answer": "agree"]), allowed: [.resident, .proxy], okStatus: 303),
            Entry(method: .get, route: "/audit.csv", uri: "/audit.csv?action=login", allowed: [.command, .admin]),
            Entry(method: .post, route: "/audit/verify", uri: "/audit/verify", allowed: [.command, .admin]),
            Entry(method: .get, route: "/keys", uri: "/keys", allowed: [.admin]),
            Entry(method: .post, route: "/keys/revoke", uri: "/keys/revoke", body: .form(["code": "x"]), allowed: [.admin], okStatus: 303),
            Entry(method: .post, route: "/keys/rotate", uri: "/keys/rotate", allowed: [.admin], okStatus: 303),
            // Proxies: residents ask and give up; the dependant's field staff decide and link at a counter.
            Entry(method: .post, route: "/proxies", uri: "/proxies", body: .form(["idNumber": "x", "relation": "parent"]), allowed: [.resident, .proxy], okStatus: 303),
            Entry(method: .post, route: "/proxies/remove", uri: "/proxies/remove", body: .form(["dependant": "NOBODY"]), allowed: [.resident, .proxy], okStatus: 303),
            Entry(method: .post, route: "/proxies/{id}/confirm", uri: "/proxies/NO-SUCH/confirm", allowed: peopleStaff.union([.grid2]), okStatus: 404),
            Entry(method: .post, route: "/proxies/{id}/reject", uri: "/proxies/NO-SUCH/reject", allowed: peopleStaff.union([.grid2]), okStatus: 404),
            Entry(method: .post, route: "/people/{id}/proxies", uri: "/people/\(person)/proxies", body: .form(["phone": "x"]), allowed: peopleStaff, okStatus: 303, person: person),
            Entry(method: .post, route: "/people/{id}/proxies/remove", uri: "/people/\(person)/proxies/remove", body: .form(["proxy": "NOBODY"]), allowed: peopleStaff, okStatus: 303, person: person),
            // Help requests: public forms (refused for their content here); the grid reads and answers.
            Entry(method: .get, route: "/help", uri: "/help", allowed: everyone),
            Entry(method: .post, route: "/help/code", uri: "/help/code", body: .form(["phone": "x", "kind": "help", "category": "other"]), allowed: everyone, okStatus: 400),
            Entry(method: .post, route: "/help", uri: "/help", body: .form(["kind": "x", "category": "other"]), allowed: everyone, okStatus: 400),
            Entry(method: .get, route: "/help/follow/{secret}", uri: "/help/follow/not-a-link", allowed: everyone, okStatus: 404),
            Entry(method: .get, route: "/help/requests/{id}", uri: "/help/requests/NO-SUCH", allowed: gridStaff, okStatus: 404),
            Entry(method: .post, route: "/help/requests/{id}/answer", uri: "/help/requests/NO-SUCH/answer", body: .form(["answer": "ok"]), allowed: gridStaff, okStatus: 404),
            Entry(method: .post, route: "/households/{id}/members", uri: "/households/\(f.household)/members", body: .form(["name": ""]), allowed: peopleStaff, okStatus: 400, person: f.household),
            Entry(method: .get, route: "/grid/compounds/{id}", uri: "/grid/compounds/NO-SUCH", allowed: gridStaff, okStatus: 404),
            // Staff administration over the API (a bad body or an unknown account: refused for its content).
            Entry(method: .get, route: "/api/v1/accounts", uri: "/api/v1/accounts", allowed: officers.union([.admin])),
            Entry(method: .post, route: "/api/v1/accounts", uri: "/api/v1/accounts", body: .json(#"{"username":"X","displayName":"x","role":"grid-worker","area":"x"}"#), allowed: officers.union([.admin]), okStatus: 400),
            Entry(method: .post, route: "/api/v1/accounts/{username}/disable", uri: "/api/v1/accounts/nobody/disable", body: .json("{}"), allowed: officers.union([.admin]), okStatus: 404),
            Entry(method: .post, route: "/api/v1/accounts/{username}/password-reset", uri: "/api/v1/accounts/nobody/password-reset", body: .json("{}"), allowed: officers.union([.admin]), okStatus: 404),
            // Applying for a code: public; a form without a proved phone is refused for its content.
            Entry(method: .get, route: "/apply", uri: "/apply", allowed: everyone),
            Entry(method: .post, route: "/apply/code", uri: "/apply/code", body: .form(["phone": "x"]), allowed: everyone, okStatus: 400),
            Entry(method: .post, route: "/apply", uri: "/apply", body: .form(["phone": "x"]), allowed: everyone, okStatus: 400),
            Entry(method: .post, route: "/people/{id}/confirm-registration", uri: "/people/\(person)/confirm-registration", allowed: peopleStaff, okStatus: 303, person: person),
            Entry(method: .post, route: "/people/{id}/claims/{claim}/link", uri: "/people/\(person)/claims/NO-SUCH/link", body: .form(["phone": "13700000000"]), allowed: peopleStaff, okStatus: 409, person: person),
            Entry(method: .post, route: "/people/{id}/claims/{claim}/reject", uri: "/people/\(person)/claims/NO-SUCH/reject", allowed: peopleStaff, okStatus: 409, person: person),
            // Field work: the address and a phone revealed with a reason (audited), within the jurisdiction.
            Entry(method: .post, route: "/people/{id}/phone", uri: "/people/\(person)/phone", body: .form(["reason": ""]), allowed: peopleStaff, person: person),
            Entry(method: .get, route: "/assignments", uri: "/assignments", allowed: officers.union([.admin])),
            Entry(method: .post, route: "/assignments/{account}", uri: "/assignments/acct-grid", body: .form(["area": "NO-SUCH-AREA"]), allowed: officers.union([.admin]), okStatus: 303),

            // Checkpoints and feeds.
            Entry(method: .get, route: "/checkpoint", uri: "/checkpoint", allowed: [.checkpoint, .command]),
            Entry(method: .post, route: "/checkpoint", uri: "/checkpoint", body: .form(["text": "NOT-A-CODE", "place": f.gate]), allowed: [.checkpoint, .command]),
            Entry(method: .post, route: "/api/v1/scans", uri: "/api/v1/scans", body: .json(#"{"text":"NOT-A-CODE","place":"\#(f.gate)"}"#), allowed: [.checkpoint, .command]),
            Entry(
                method: .post, route: "/api/v1/scans/batch", uri: "/api/v1/scans/batch", body: .json(#"{"scans":[{"text":"NOT-A-CODE","place":"\#(f.gate)"}]}"#),
                allowed: [.checkpoint, .command]),
            Entry(method: .post, route: "/api/v1/ingest/{kind}", uri: "/api/v1/ingest/areas", body: .ndjson("\n"), allowed: [.feed, .admin, .command]),
            // Lab results make cases: not an administrator's import.
            Entry(method: .post, route: "/api/v1/ingest/{kind}", uri: "/api/v1/ingest/labs", body: .ndjson("\n"), allowed: [.feed, .command]),
        ]
    }

    @Test("every route answers every role as the permission table says, and refusals on people are audited", arguments: Backend.available)
    func everyRouteEveryRole(_ backend: Backend) async throws {
        // Every role tries a wrong password once: the sign-in limits (tested on their own) must not turn those into 429s.
        let city = try await TestCity.make(backend, residents: 1500) { $0.signInLimits.passwordFailuresPerAccount = 1_000 }
        let store = city.services.store
        let fixture = try await Self.fixture(city)
        let entries = Self.matrix(fixture)

        // Every route the router has must be in the matrix, and every entry must be a route.
        let router = try await buildRouter(services: city.services, metrics: PrometheusCollectorRegistry())
        let openData = router.routes.map(\.path.description).filter { $0.hasPrefix("/open-data/") }
        let routes = Set(router.routes.map { "\($0.method) \($0.path)" }.filter { !$0.contains("/open-data/") })
        let covered = Set(entries.map { "\($0.method) \($0.route)" })
        #expect(routes.subtracting(covered).sorted() == [], "routes without an access decision in the matrix")
        #expect(covered.subtracting(routes).sorted() == [], "matrix entries that are not routes")

        try await city.test { client in
            let credentials = try await Self.credentials(city, client)
            // Open data is public: every document, to anyone.
            #expect(!openData.isEmpty)
            // A round's document is named by its round (the demo's).
            let round = try #require(try await store.rounds(within: .everywhere, page: PageRequest()).items.first?.id)
            for route in openData {
                let path = route.replacing(#/\{file\}|:file/#, with: "\(round).json")
                #expect(try await client.get(path).status == .ok, "\(path)")
            }
            for entry in entries.sorted(by: { ($0.route == "/signout" ? 1 : 0) < ($1.route == "/signout" ? 1 : 0) }) {
                for who in Who.allCases {
                    let before = try await Self.denials(entry.person, store)
                    let response = try await Self.send(entry, as: entry.route == "/signout" ? .anonymous : who, credentials, client)
                    let expected = entry.expected(who)
                    #expect(Int(response.status.code) == expected, "\(who) \(entry.method) \(entry.uri): \(response.status.code), expected \(expected)")
                    if expected == 303 && who == .anonymous && !entry.allowed.contains(.anonymous) {
                        #expect(response.headers[.location]?.hasPrefix("/signin") == true, "\(entry.uri) sends anonymous visitors to sign in")
                    }
                    if expected == 403, entry.person != nil {
                        #expect(try await Self.denials(entry.person, store) > before, "\(who) refused on \(entry.uri) without an audit entry")
                    }
                    if expected == 403, !entry.api {
                        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(who) on \(entry.uri): a refusal on a page is a page")
                        #expect(response.text.contains("Your role (") || response.text.contains("is outside your jurisdiction"), "\(who) on \(entry.uri): the refusal says why")
                    }
                }
            }
        }
        try await city.close()
    }

    @Test("every link on a role's home page opens for that role", arguments: [Backend.sqlite])
    func homeLinks(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 800)
        try await city.test { client in
            let credentials = try await Self.credentials(city, client)
            for who in Who.allCases where who != .anonymous {
                let home = try await Self.send(Entry(method: .get, route: "/", uri: "/", allowed: []), as: who, credentials, client)
                #expect(home.status == .ok)
                let menu = home.text.firstMatch(of: /<p class="menu">(.*?)<\/p>/)?.output.1 ?? ""
                for link in menu.matches(of: /href="([^"]+)"/) {
                    let page = try await Self.send(Entry(method: .get, route: "", uri: String(link.output.1), allowed: []), as: who, credentials, client)
                    #expect(page.status == .ok, "\(who) is offered \(link.output.1) but gets \(page.status.code)")
                }
            }
            // An admin is offered no page about people or cases.
            let admin = try await Self.send(Entry(method: .get, route: "/", uri: "/", allowed: []), as: .admin, credentials, client)
            for href in ["/cases", "/grid", "/overrides", "/appeals", "/publish", "/checkpoint"] { #expect(!admin.text.contains("href=\"\(href)\"")) }
        }
        try await city.close()
    }

    // MARK: the city and the requests

    static func fixture(_ city: TestCity) async throws -> Fixture {
        let store = city.services.store
        let grid = city.city.grids[0].area
        let person = "R00000002"
        let resident = try #require(try await store.resident(id: person))
        #expect(resident.areaPath.hasPrefix(grid.path))
        let caseID = try #require(try await city.services.tracing.cases(within: .everywhere, limit: 1).first?.person)
        let now = Date()
        let appeal = Appeal(
            id: "APL-matrix", person: person, factKind: "other", factID: nil, reason: "not me at all", submittedBy: "resident:\(person)", submittedAt: now,
            deadline: now.addingTimeInterval(86400))
        try await store.insertAppeal(appeal, audit: city.services.clock.event("test", .appealSubmit))
        let request = OverrideRequest(
            id: "OVR-matrix", person: person, colour: .yellow, legalBasis: "《传染病防治法》第三十九条", until: now.addingTimeInterval(86400), proposer: "staff:acct-epi",
            proposedAt: now)
        try await store.insertOverrideRequest(request, audit: city.services.clock.event("test", .overridePropose))
        let command = Principal(staff: try #require(try await store.account(username: "command")))
        let task = try await city.services.tasks.create(grid: grid.id, note: "matrix", due: now.addingTimeInterval(86400), person: nil, as: command)
        let communityID = try #require(try city.account("community").jurisdiction)
        let community = try #require(try await store.area(id: communityID))
        let gate = try #require(try await store.places(kind: .checkpoint, within: AreaPath(community.path)).first)
        let shift = try await city.services.rosters.plan(
            at: gate.id, from: now, to: now.addingTimeInterval(3600), staff: ["值守 matrix"], as: command)
        return Fixture(
            grid: grid, household: try #require(resident.householdID), caseID: caseID, appeal: appeal.id, override: request.id, task: task.id, gate: gate.id,
            shift: shift.id)
    }

    /// A cookie or a bearer token for each role of the demo.
    static func credentials(_ city: TestCity, _ client: some TestClientProtocol) async throws -> [Who: (cookie: String?, bearer: String?)] {
        var out: [Who: (cookie: String?, bearer: String?)] = [.anonymous: (nil, nil)]
        for who in Who.allCases where who != .anonymous {
            let account = try city.account(who.rawValue)
            if let token = account.token {
                out[who] = (nil, token)
            } else if let password = account.password, !password.isEmpty {
                out[who] = (try await client.signIn(account), nil)
            } else {
                out[who] = (try await client.signInResident(try #require(account.phone), store: city.services.store), nil)
            }
        }
        return out
    }

    static func send(_ entry: Entry, as who: Who, _ credentials: [Who: (cookie: String?, bearer: String?)], _ client: some TestClientProtocol) async throws -> TestResponse {
        var headers: HTTPFields = [.acceptLanguage: "en"]
        if let cookie = credentials[who]?.cookie { headers[.cookie] = cookie }
        if let bearer = credentials[who]?.bearer { headers[.authorization] = "Bearer \(bearer)" }
        var body: ByteBuffer? = nil
        switch entry.body {
        case .none where entry.method == .post && !entry.uri.hasPrefix("/api/"):
            // A page's button: a form with no fields but the browser's token.
            headers[.cookie] = BrowserForm.cookies(headers[.cookie])
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: BrowserForm.body([:]))
        case .none:
            break
        case .form(let fields):
            headers[.cookie] = BrowserForm.cookies(headers[.cookie])
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: BrowserForm.body(fields))
        case .json(let text):
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: text)
        case .ndjson(let text):
            headers[.contentType] = "application/x-ndjson"
            body = ByteBuffer(string: text)
        }
        return try await client.execute(uri: entry.uri, method: entry.method, headers: headers, body: body)
    }

    /// How many refusals the audit log holds against a person (or household).
    static func denials(_ subject: String?, _ store: any CordonStore) async throws -> Int {
        guard let subject else { return 0 }
        return try await store.recentAudit(subjectID: subject, limit: 5000).filter { $0.event.action == "access.denied" }.count
    }
}
