import Domain
import Foundation
import GridWork
import Hummingbird

/// The forms a grid worker fills in at the door: a household screening visit, and each day's
/// sighting of the people in quarantine.
struct FieldWorkPagesController {
    /// For the names of where a household lives.
    let store: any AreaRepository & PlaceRepository
    let followUps: FollowUpService
    let visits: HouseholdVisitService
    let directory: PersonDirectory
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("households/:id/visit") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            return try await visitPage(id, principal: principal, problem: nil, typed: [:], request: request, context: context)
        }
        router.post("households/:id/visit") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let fields = try await Self.fields(request, context: context)
            // Members come as person_N, present_N, temperature_N, symptoms_N.
            var members: [MemberCheck] = []
            for n in 0..<200 {
                guard let person = fields["person_\(n)"] else { break }
                // A temperature that is no number ("abc") is refused, never taken for "not measured".
                let temperature: Double?
                switch BodyTemperature.parse(fields["temperature_\(n)"]) {
                case .success(let t): temperature = t
                case .failure(let implausible):
                    let name = try await directory.names([person], as: principal, listing: "household visit")[person] ?? person
                    let problem = Strings.text("temperatureOf", Language.of(request), name, implausible.text)
                    return try await visitPage(id, principal: principal, problem: problem, typed: fields, request: request, context: context)
                }
                let symptoms = (fields["symptoms_\(n)"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                members.append(MemberCheck(person: person, present: fields["present_\(n)"] != nil, temperature: temperature, symptoms: symptoms))
            }
            do {
                try await visits.record(household: id, members: members, travel: fields["travel"], as: principal)
                return redirect("/grid", message: Strings.text("visitRecorded", Language.of(request)))
            } catch let problem as any GridProblem {
                let text = problem.message(Language.of(request))
                return try await visitPage(id, principal: principal, problem: text, typed: fields, request: request, context: context)
            }
        }
        router.get("grid/quarantine") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            let query = request.uri.queryParameters
            let areaID = query.get("area").flatMap { $0.isEmpty ? nil : $0 }
            let entries = try await followUps.quarantined(as: principal, in: areaID, page: Pager.request(query))
            let rows: [QuarantineRow] = entries.items.map { e in
                QuarantineRow(
                    person: e.resident.id, name: Masking.name(e.resident.name), until: e.status.until.map { pages.time($0) } ?? "—",
                    lost: e.sheet.lost, daysSeen: e.sheet.daysSeen,
                    // Only when there is one: mustache treats an empty string as true.
                    today: e.sheet.today.map { Strings.text("outcome.\($0.outcome.rawValue)", lang) })
            }
            let outcomes = FollowUpOutcome.allCases.map { FollowUpOutcomeButton(value: $0.rawValue, label: Strings.text("outcome.\($0.rawValue)", lang)) }
            let page = QuarantinePage(
                people: rows, hasPeople: !rows.isEmpty, outcomes: outcomes, message: query.get("message"),
                pager: Pager(entries, path: "/grid/quarantine", query: query, lang: lang),
                areaFilter: try await directory.filter(selected: areaID, as: principal, path: "/grid/quarantine", query: query))
            return pages.render("quarantine", page, request: request, context: context)
        }
        router.post("grid/quarantine/:person") { request, context in
            let principal = try context.requirePrincipal()
            let person = try context.parameters.require("person")
            try await directory.authorize(principal, .followUpQuarantine, kind: "person", id: person)  // audited refusal
            let fields = try await Self.fields(request, context: context)
            guard let outcome = fields["outcome"].flatMap(FollowUpOutcome.init(rawValue:)) else {
                throw HTTPError(.badRequest, message: "outcome: one of well, unwell, not-seen")
            }
            let temperature: Double?
            switch BodyTemperature.parse(fields["temperature"]) {
            case .success(let t): temperature = t
            case .failure(let implausible):
                let name = try await directory.names([person], as: principal, listing: "quarantine follow-up")[person] ?? person
                return redirect("/grid/quarantine", message: Strings.text("temperatureOf", Language.of(request), name, implausible.text))
            }
            do {
                try await followUps.record(person, outcome: outcome, temperature: temperature, as: principal)
                return redirect("/grid/quarantine")
            } catch let problem as any GridProblem {
                return redirect("/grid/quarantine", message: problem.message(Language.of(request)))
            }
        }
    }

    /// The visit form: where the household lives and a fieldset per member; refused, it is answered
    /// here (400) with what was typed and why, and nothing is stored.
    private func visitPage(
        _ id: String, principal: Principal, problem: String?, typed: [String: String], request: Request, context: CordonRequestContext
    ) async throws -> Response {
        let (_, members) = try await directory.household(id, as: principal)
        let names = try await ResidenceNames.of(members, store: store)
        let refused = problem != nil
        let page = VisitPage(
            household: id, residence: members.first.map(names.residence(of:)) ?? "—",
            members: members.enumerated().map { i, m in
                VisitMemberRow(
                    i: i, person: m.id, name: Masking.name(m.name), present: !refused || typed["present_\(i)"] != nil,
                    temperature: typed["temperature_\(i)"] ?? "", symptoms: typed["symptoms_\(i)"] ?? "")
            },
            travel: typed["travel"] ?? "", message: request.uri.queryParameters.get("message"), problem: problem)
        return pages.render("visit", page, request: request, context: context, status: refused ? .badRequest : .ok)
    }

    /// The form's fields by name (forms with a variable number of rows do not fit a Decodable).
    static func fields(_ request: Request, context: CordonRequestContext) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 1 << 20)
        var out: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let k = kv.first, !k.isEmpty { out[k] = kv.count > 1 ? kv[1] : "" }
        }
        return out
    }
}

/// The household screening form: one fieldset per member, numbered for the form's field names.
struct VisitPage: PageModel {
    let household: String
    /// Where the household lives, in words.
    let residence: String
    let members: [VisitMemberRow]
    let travel: String
    let message: String?
    /// Why the visit was refused.
    let problem: String?
}

/// A member of the household as the form lists them (`i` numbers the fields: person_0, present_0, …).
struct VisitMemberRow: Sendable {
    let i: Int
    let person: String
    let name: String
    let present: Bool
    let temperature: String
    let symptoms: String
}

/// The people in quarantine in the worker's area, each with the buttons of today's sighting.
struct QuarantinePage: PageModel {
    let people: [QuarantineRow]
    let hasPeople: Bool
    let outcomes: [FollowUpOutcomeButton]
    let message: String?
    let pager: Pager
    let areaFilter: AreaFilter?
}

/// One person in quarantine: masked name, end of quarantine, days seen and today's entry if any.
struct QuarantineRow: Sendable {
    let person: String
    let name: String
    let until: String
    let lost: Bool
    let daysSeen: Int
    let today: String?
}

/// A follow-up outcome as a button: the value posted and its label.
struct FollowUpOutcomeButton: Sendable {
    let value: String
    let label: String
}
